package dev.gatehouse.policy;

/**
 * A statement that determined a decision: which kind of policy, which policy, which statement
 * (0-based index in the document) and its Sid (empty when it has none).
 */
public record StatementRef(
    PolicyKind kind, String policyName, int statementIndex, String sid, Effect effect) {

  /** For people: {@code Deny in identity-based policy "P", statement 2 (Sid "X")}. */
  public String describe() {
    return effect.text()
        + " in "
        + kind.phrase()
        + " \""
        + policyName
        + "\", statement "
        + statementIndex
        + (sid.isEmpty() ? "" : " (Sid \"" + sid + "\")");
  }
}
