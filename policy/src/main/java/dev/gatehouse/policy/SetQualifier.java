package dev.gatehouse.policy;

/** The set-operator prefix of a condition (spec: reference_policies_multi-value-conditions). */
public enum SetQualifier {
  NONE(""),
  FOR_ALL_VALUES("ForAllValues:"),
  FOR_ANY_VALUE("ForAnyValue:");

  private final String prefix;

  SetQualifier(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix as written, with its colon; empty for none. */
  public String prefix() {
    return prefix;
  }
}
