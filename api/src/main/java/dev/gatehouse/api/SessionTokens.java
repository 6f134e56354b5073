package dev.gatehouse.api;

import dev.gatehouse.core.sts.SessionClaims;
import java.time.Instant;

/** Opens the session token of a request signed with temporary credentials ({@code ASIA...}). */
@FunctionalInterface
public interface SessionTokens {
  /**
   * The session's claims: the token is authentic, bound to {@code accessKeyId}, not expired and not
   * revoked.
   *
   * @throws dev.gatehouse.core.error.GatehouseException InvalidClientTokenId (garbled, foreign,
   *     revoked) or ExpiredToken
   */
  SessionClaims open(String token, String accessKeyId, Instant now);

  /** No temporary credentials are accepted. */
  static SessionTokens none() {
    return (token, accessKeyId, now) -> {
      throw new dev.gatehouse.core.error.GatehouseException(
          dev.gatehouse.core.error.ErrorCode.INVALID_CLIENT_TOKEN_ID,
          dev.gatehouse.sigv4.SigV4Error.INVALID_TOKEN_MESSAGE);
    };
  }
}
