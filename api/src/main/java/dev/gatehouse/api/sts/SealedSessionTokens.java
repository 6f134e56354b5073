package dev.gatehouse.api.sts;

import dev.gatehouse.api.SessionTokens;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.core.sts.SessionTokenSealer;
import java.time.Instant;

/**
 * Opens session tokens: unseal (authentic, bound to the access key id, not expired), then the
 * revocation list.
 *
 * <p>A revoked session answers InvalidClientTokenId, as a token AWS no longer honours does: AWS
 * cannot revoke credentials (AWS-FACTS 2.3), so there is no AWS answer to copy; refusing at
 * authentication keeps every action, GetCallerIdentity included, closed to the session.
 */
public final class SealedSessionTokens implements SessionTokens {
  private final SessionTokenSealer sealer;
  private final Revocations revocations;

  public SealedSessionTokens(SessionTokenSealer sealer, Revocations revocations) {
    this.sealer = sealer;
    this.revocations = revocations;
  }

  @Override
  public SessionClaims open(String token, String accessKeyId, Instant now) {
    SessionClaims claims = sealer.unseal(token, accessKeyId, now).claimsOrThrow();
    if (revocations.isRevoked(claims)) {
      throw new GatehouseException(
          ErrorCode.INVALID_CLIENT_TOKEN_ID,
          "The security token included in the request is invalid.");
    }
    return claims;
  }
}
