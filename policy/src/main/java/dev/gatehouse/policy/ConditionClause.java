package dev.gatehouse.policy;

import java.util.List;

/**
 * One condition key test: {@code "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*"]}} is
 * qualifier FOR_ANY_VALUE, operator STRING_LIKE, ifExists, key {@code aws:TagKeys}, values {@code
 * ["a*"]}. Values are kept as text (JSON numbers and booleans become their text).
 */
public record ConditionClause(
    SetQualifier qualifier,
    ConditionOperator operator,
    boolean ifExists,
    String key,
    List<String> values) {

  public ConditionClause {
    values = List.copyOf(values);
  }

  /** The operator as written: qualifier, operator and {@code IfExists}. */
  public String operatorText() {
    return qualifier.prefix() + operator.text() + (ifExists ? "IfExists" : "");
  }
}
