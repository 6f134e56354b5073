package dev.gatehouse.policy;

import java.util.List;

/**
 * The result of an evaluation: the outcome, why, and the statements that determined it (the
 * matching denies for an explicit deny; the allows used for an allow; none for an implicit deny).
 */
public record Decision(Outcome outcome, Basis basis, List<StatementRef> statements) {

  public Decision {
    statements = List.copyOf(statements);
  }

  /** Why the outcome is what it is, in the terms of AWS's access-denied messages. */
  public enum Basis {
    /** Allowed by the policies in {@link #statements()}. */
    ALLOWED_BY_POLICY,
    /** The account root user in its own account (spec A1). */
    ROOT_USER,
    /** The action needs no permission ({@code sts:GetCallerIdentity}). */
    NO_PERMISSION_NEEDED,
    EXPLICIT_DENY,
    NO_SERVICE_CONTROL_POLICY_ALLOW,
    NO_IDENTITY_POLICY_ALLOW,
    NO_PERMISSIONS_BOUNDARY_ALLOW,
    NO_SESSION_POLICY_ALLOW,
    NO_RESOURCE_POLICY_ALLOW
  }

  /**
   * The end of AWS's access-denied message for {@code action}: {@code with an explicit deny in an
   * identity-based policy}, {@code because no identity-based policy allows the s3:GetObject
   * action}; empty when allowed.
   */
  public String reason(String action) {
    return switch (basis) {
      case ALLOWED_BY_POLICY, ROOT_USER, NO_PERMISSION_NEEDED -> "";
      case EXPLICIT_DENY -> "with an explicit deny in " + article(statements.get(0).kind());
      case NO_SERVICE_CONTROL_POLICY_ALLOW -> because(PolicyKind.SCP, action);
      case NO_IDENTITY_POLICY_ALLOW -> because(PolicyKind.IDENTITY, action);
      case NO_PERMISSIONS_BOUNDARY_ALLOW -> because(PolicyKind.BOUNDARY, action);
      case NO_SESSION_POLICY_ALLOW -> because(PolicyKind.SESSION, action);
      case NO_RESOURCE_POLICY_ALLOW -> because(PolicyKind.RESOURCE, action);
    };
  }

  private static String because(PolicyKind kind, String action) {
    return "because no " + kind.phrase() + " allows the " + action + " action";
  }

  private static String article(PolicyKind kind) {
    String phrase = kind.phrase();
    return (phrase.startsWith("i") ? "an " : "a ") + phrase;
  }
}
