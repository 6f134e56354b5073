package dev.gatehouse.core.iam;

/**
 * Which grammar a policy document is checked against. Size quotas are the services' business (they
 * depend on where the document is stored); a validator checks the grammar.
 */
public enum DocumentKind {
  /**
   * An identity-based policy, managed or inline: no Principal. Sizes differ by where it is stored
   * (managed 6,144; inline 2,048 / 5,120 / 10,240 in all per user / group / role) and are checked
   * by the services before the grammar.
   */
  IDENTITY,
  /** A role's trust (assume-role) policy: a resource policy with a Principal. */
  TRUST,
  /** A managed policy used as a permissions boundary. */
  BOUNDARY
}
