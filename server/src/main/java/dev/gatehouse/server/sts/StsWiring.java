package dev.gatehouse.server.sts;

import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.authz.TrustAuthorizer;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.RevocationList;
import dev.gatehouse.core.sts.SessionKeyRing;
import dev.gatehouse.core.sts.SessionTokenSealer;
import dev.gatehouse.server.ApiRoute;
import dev.gatehouse.server.SessionTokens;
import java.security.SecureRandom;
import java.time.Clock;

/** Builds STS for the composition root: its API route, session tokens and session limits. */
public final class StsWiring {
  /** AWS's text for a wrong, missing or reused MFA code. */
  public static final String MFA_FAILED =
      "MultiFactorAuthentication failed with invalid MFA one time pass code. ";

  private final ApiRoute route;
  private final SessionTokens tokens;
  private final Authorizer iamAuthorizer;

  /**
   * @param iamAuthorizer the IAM authorizer; STS's identity-policy actions use it too
   * @param keys the session-token key ring (from the data directory)
   */
  public StsWiring(
      IamServices iam,
      Snapshots snapshots,
      SnapshotViews views,
      Authorizer iamAuthorizer,
      SessionKeyRing keys,
      SecureRandom random,
      Clock clock) {
    SessionTokenSealer sealer = new SessionTokenSealer(keys, random);
    SessionIssuer issuer = new SessionIssuer(snapshots, sealer, random, clock);
    this.iamAuthorizer = new SessionLimits(iamAuthorizer);
    StsApi api = new StsApi(iam, issuer, StsWiring::noMfaDevices);
    this.route =
        new ApiRoute(
            StsApi.SIGNING_NAME,
            StsApi.VERSION,
            StsApi.NAMESPACE,
            StsApi.EVENT_SOURCE,
            api.operations(),
            new StsAuthorizer(this.iamAuthorizer, new TrustAuthorizer(views), issuer));
    this.tokens = new SealedSessionTokens(sealer, RevocationList::empty);
  }

  private static MfaFacts noMfaDevices(Principal caller, String serial, String code) {
    throw new GatehouseException(ErrorCode.ACCESS_DENIED, MFA_FAILED);
  }

  public ApiRoute route() {
    return route;
  }

  public SessionTokens tokens() {
    return tokens;
  }

  /** The IAM authorizer with the limits of session credentials in front. */
  public Authorizer iamAuthorizer() {
    return iamAuthorizer;
  }
}
