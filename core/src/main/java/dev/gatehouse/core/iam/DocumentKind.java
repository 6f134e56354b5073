package dev.gatehouse.core.iam;

/** Which grammar a policy document is checked against. */
public enum DocumentKind {
  /** A managed identity-based policy: no Principal; at most 6,144 characters. */
  IDENTITY,
  /**
   * An inline identity-based policy: no Principal; its size is checked per entity by the caller
   * (2,048 / 5,120 / 10,240 characters in all for a user / group / role).
   */
  INLINE,
  /** A role's trust (assume-role) policy: a resource policy with a Principal. */
  TRUST,
  /** A managed policy used as a permissions boundary. */
  BOUNDARY
}
