package dev.gatehouse.core.iam;

/** Which grammar a policy document is checked against. */
public enum DocumentKind {
  /** Identity-based policy: inline or managed; no Principal. */
  IDENTITY,
  /** A role's trust (assume-role) policy: a resource policy with a Principal. */
  TRUST,
  /** A managed policy used as a permissions boundary. */
  BOUNDARY
}
