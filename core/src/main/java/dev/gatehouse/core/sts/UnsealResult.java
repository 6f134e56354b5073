package dev.gatehouse.core.sts;

import java.util.Objects;

/** The outcome of unsealing a session token: the claims, or why the token was refused. */
public sealed interface UnsealResult permits UnsealResult.Valid, UnsealResult.Rejected {

  /** The token is authentic, bound to the presented access key id, and not expired. */
  record Valid(SessionClaims claims) implements UnsealResult {
    public Valid {
      Objects.requireNonNull(claims, "claims");
    }
  }

  /** The token was refused. */
  record Rejected(TokenFailure failure) implements UnsealResult {
    public Rejected {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * The claims, or the AWS error as an exception.
   *
   * @throws dev.gatehouse.core.error.GatehouseException {@code InvalidClientTokenId} or {@code
   *     ExpiredToken}
   */
  default SessionClaims claimsOrThrow() {
    if (this instanceof Valid v) {
      return v.claims();
    }
    throw ((Rejected) this).failure().toException();
  }
}
