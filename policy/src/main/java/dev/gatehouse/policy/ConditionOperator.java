package dev.gatehouse.policy;

import java.util.Optional;

/**
 * The base condition operators, without set qualifier and {@code IfExists} (spec:
 * reference_policies_elements_condition_operators). A clause composes qualifier x operator x
 * IfExists x key x values.
 */
public enum ConditionOperator {
  STRING_EQUALS("StringEquals", Family.STRING, Comparison.EQUALS, false),
  STRING_NOT_EQUALS("StringNotEquals", Family.STRING, Comparison.EQUALS, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, Comparison.IGNORE_CASE, false),
  STRING_NOT_EQUALS_IGNORE_CASE(
      "StringNotEqualsIgnoreCase", Family.STRING, Comparison.IGNORE_CASE, true),
  STRING_LIKE("StringLike", Family.STRING, Comparison.LIKE, false),
  STRING_NOT_LIKE("StringNotLike", Family.STRING, Comparison.LIKE, true),
  NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, Comparison.EQUALS, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, Comparison.EQUALS, true),
  NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, Comparison.LESS, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, Comparison.LESS_EQUALS, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, Comparison.GREATER, false),
  NUMERIC_GREATER_THAN_EQUALS(
      "NumericGreaterThanEquals", Family.NUMERIC, Comparison.GREATER_EQUALS, false),
  DATE_EQUALS("DateEquals", Family.DATE, Comparison.EQUALS, false),
  DATE_NOT_EQUALS("DateNotEquals", Family.DATE, Comparison.EQUALS, true),
  DATE_LESS_THAN("DateLessThan", Family.DATE, Comparison.LESS, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, Comparison.LESS_EQUALS, false),
  DATE_GREATER_THAN("DateGreaterThan", Family.DATE, Comparison.GREATER, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, Comparison.GREATER_EQUALS, false),
  BOOL("Bool", Family.BOOL, Comparison.EQUALS, false),
  BINARY_EQUALS("BinaryEquals", Family.BINARY, Comparison.EQUALS, false),
  IP_ADDRESS("IpAddress", Family.IP_ADDRESS, Comparison.EQUALS, false),
  NOT_IP_ADDRESS("NotIpAddress", Family.IP_ADDRESS, Comparison.EQUALS, true),
  ARN_EQUALS("ArnEquals", Family.ARN, Comparison.LIKE, false),
  ARN_LIKE("ArnLike", Family.ARN, Comparison.LIKE, false),
  ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, Comparison.LIKE, true),
  ARN_NOT_LIKE("ArnNotLike", Family.ARN, Comparison.LIKE, true),
  NULL("Null", Family.NULL, Comparison.EQUALS, false);

  /** Which values an operator compares. */
  public enum Family {
    STRING,
    NUMERIC,
    DATE,
    BOOL,
    BINARY,
    IP_ADDRESS,
    ARN,
    NULL;

    /** Whether policy variables are substituted in this family's values (spec: variables). */
    public boolean supportsVariables() {
      // E9 [inf]: the docs disagree on Bool; variables are allowed.
      return this == STRING || this == ARN || this == BOOL;
    }
  }

  /** How one request value is compared with one policy value. */
  public enum Comparison {
    EQUALS,
    IGNORE_CASE,
    LIKE,
    LESS,
    LESS_EQUALS,
    GREATER,
    GREATER_EQUALS
  }

  private final String text;
  private final Family family;
  private final Comparison comparison;
  private final boolean negated;

  ConditionOperator(String text, Family family, Comparison comparison, boolean negated) {
    this.text = text;
    this.family = family;
    this.comparison = comparison;
    this.negated = negated;
  }

  /** The operator name as written, without qualifier or {@code IfExists}. */
  public String text() {
    return text;
  }

  public Family family() {
    return family;
  }

  public Comparison comparison() {
    return comparison;
  }

  /** Negated operators combine several policy values as NOR and are true on a missing key. */
  public boolean negated() {
    return negated;
  }

  static Optional<ConditionOperator> fromText(String s) {
    for (ConditionOperator o : values()) {
      if (o.text.equals(s)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
