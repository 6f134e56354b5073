package dev.gatehouse.server.sts;

import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.IamAuthorizer;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.authz.TrustAuthorizer;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.sts.ManagedSessionPolicies;
import dev.gatehouse.core.sts.MfaDevices;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.MfaHolder;
import dev.gatehouse.core.sts.RevocationAuthorizer;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionIssuer;
import dev.gatehouse.core.sts.SessionKeyRing;
import dev.gatehouse.core.sts.SessionLimits;
import dev.gatehouse.core.sts.SessionTokenSealer;
import dev.gatehouse.core.sts.StsAuthorizer;
import dev.gatehouse.server.ApiRoute;
import dev.gatehouse.server.Operation;
import dev.gatehouse.server.SessionTokens;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Builds STS for the composition root: its API route, session tokens and session limits. */
public final class StsWiring {
  private final ApiRoute route;
  private final ApiRoute revocationRoute;
  private final MfaActions mfa;
  private final MfaDevices devices;
  private final SessionTokens tokens;
  private final Authorizer iamAuthorizer;
  private final Authorizer servicesAuthorizer;
  private final Revocations revocations;

  /**
   * @param store where MFA devices and session revocations are kept
   * @param changes told after each revocation (the change feed, when the store is shared)
   * @param keys the session-token key ring (from the data directory)
   * @param dataDir where earlier versions kept MFA devices and revocations in files (imported once)
   */
  public StsWiring(
      IamServices iam,
      Store store,
      IamChangeListener changes,
      Snapshots snapshots,
      SnapshotViews views,
      SessionKeyRing keys,
      KeyRing masterKeys,
      Path dataDir,
      SecureRandom random,
      Clock clock) {
    SessionTokenSealer sealer = new SessionTokenSealer(keys, random);
    SessionIssuer issuer = new SessionIssuer(snapshots, sealer, random, clock);
    ManagedSessionPolicies withManaged = new ManagedSessionPolicies(views, iam);
    this.servicesAuthorizer = new IamAuthorizer(withManaged, ServiceReference.bundled());
    this.iamAuthorizer = new SessionLimits(servicesAuthorizer);
    this.devices = new MfaDevices(store, dataDir, masterKeys, random, clock);
    this.mfa = new MfaActions(iam, devices);
    LastUse roleUse =
        new LastUse(
            (roleArn, service, region) -> {
              // arn:aws:iam::ACCOUNT:role/PATH/NAME
              String account = roleArn.split(":", 6)[4];
              String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
              iam.roles().recordRoleUse(account, name, region);
            },
            clock);
    StsApi api = new StsApi(iam, issuer, mfa::verify, withManaged, roleUse);
    this.route =
        new ApiRoute(
            StsApi.SIGNING_NAME,
            StsApi.VERSION,
            StsApi.NAMESPACE,
            StsApi.EVENT_SOURCE,
            api.operations(),
            new StsAuthorizer(this.iamAuthorizer, new TrustAuthorizer(withManaged), issuer));
    this.revocations = new Revocations(store, dataDir, changes, clock);
    this.tokens = new SealedSessionTokens(sealer, revocations);
    this.revocationRoute =
        new ApiRoute(
            RevocationApi.SIGNING_NAME,
            RevocationApi.VERSION,
            RevocationApi.NAMESPACE,
            RevocationApi.EVENT_SOURCE,
            RevocationApi.operations(iam, revocations, clock),
            new RevocationAuthorizer(this.iamAuthorizer));
  }

  /**
   * What must hear of changes other nodes commit (for the change feed of a shared store): the
   * revocation view reloads on the next check.
   */
  public IamChangeListener changeListener() {
    return revocations;
  }

  /** The IAM virtual-MFA actions, for the IAM action table. */
  public List<Operation<?, ?>> iamOperations() {
    return mfa.operations();
  }

  public ApiRoute route() {
    return route;
  }

  /** Gatehouse's revocation API. */
  public ApiRoute revocationRoute() {
    return revocationRoute;
  }

  /** The signing service of Gatehouse's own API. */
  public static String revocationSigningName() {
    return RevocationApi.SIGNING_NAME;
  }

  public SessionTokens tokens() {
    return tokens;
  }

  /**
   * The authorizer of other services' actions (Organizations): identity policies, boundaries and
   * session policies, without the limits session credentials have on IAM and STS calls.
   */
  public Authorizer servicesAuthorizer() {
    return servicesAuthorizer;
  }

  /**
   * The serial number of the MFA device enabled for the IAM user or root user, if any (console
   * sign-in; with several, the first by serial number).
   */
  public Optional<String> mfaDevice(String accountId, MfaHolder holder) {
    for (MfaDevices.Device d : devices.list(accountId)) {
      if (d.heldBy(holder)) {
        return Optional.of(d.serialNumber());
      }
    }
    return Optional.empty();
  }

  /**
   * Verifies a console sign-in code against the holder's enabled device; the code is then used up,
   * as for AssumeRole.
   *
   * @throws dev.gatehouse.core.error.GatehouseException AccessDenied ({@link
   *     MfaDevices#MFA_FAILED})
   */
  public MfaFacts verifySignInCode(String accountId, MfaHolder holder, String code) {
    String serial =
        mfaDevice(accountId, holder)
            .orElseThrow(
                () -> new GatehouseException(ErrorCode.ACCESS_DENIED, MfaDevices.MFA_FAILED));
    return MfaFacts.present(devices.verify(accountId, holder, serial, code));
  }

  /** The IAM authorizer with the limits of session credentials in front. */
  public Authorizer iamAuthorizer() {
    return iamAuthorizer;
  }
}
