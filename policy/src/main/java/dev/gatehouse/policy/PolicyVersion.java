package dev.gatehouse.policy;

import java.util.Optional;

/** The policy language version; policy variables exist only in 2012-10-17 (spec: IAM version). */
public enum PolicyVersion {
  V2012_10_17("2012-10-17"),
  V2008_10_17("2008-10-17"),
  /** No {@code Version} element: behaves as 2008-10-17. */
  ABSENT("");

  private final String text;

  PolicyVersion(String text) {
    this.text = text;
  }

  /** The {@code Version} value, empty when absent. */
  public Optional<String> text() {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** Whether {@code ${...}} is a policy variable (spec: reference_policies_variables, Note). */
  public boolean supportsVariables() {
    return this == V2012_10_17;
  }

  static Optional<PolicyVersion> fromText(String s) {
    for (PolicyVersion v : values()) {
      if (v != ABSENT && v.text.equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
