package dev.gatehouse.core.sts;

/** What kind of credentials signed an STS request: decides the role-chaining duration cap. */
public enum CredentialSource {
  /** An IAM user's or the root user's access key ({@code AKIA...}). */
  LONG_TERM,
  /** Temporary credentials ({@code ASIA...}) from AssumeRole or GetSessionToken. */
  TEMPORARY
}
