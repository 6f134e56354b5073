package dev.gatehouse.api.sts;

import dev.gatehouse.api.ApiRoute;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.iam.ResolvedKey;
import dev.gatehouse.core.sts.AssumeRoleRequest;
import dev.gatehouse.core.sts.ManagedSessionPolicies;
import dev.gatehouse.core.sts.MfaCode;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.core.sts.SessionIssuer;
import dev.gatehouse.core.sts.SessionTag;
import dev.gatehouse.core.sts.SessionTokenRequest;
import dev.gatehouse.core.sts.StsAuthorizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The STS Query API (version 2011-06-15) on the IAM endpoint: AssumeRole, GetSessionToken,
 * GetFederationToken, GetCallerIdentity, GetAccessKeyInfo, with AWS's response shapes.
 */
public final class StsApi {
  public static final String SIGNING_NAME = "sts";
  public static final String VERSION = "2011-06-15";
  public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  public static final String EVENT_SOURCE = "sts.amazonaws.com";

  private final IamServices iam;
  private final SessionIssuer issuer;
  private final MfaCheck mfa;
  private final ManagedSessionPolicies managed;
  private final LastUse roleUse;
  private final List<Operation<?, ?>> federated;

  /** Verifies SerialNumber and TokenCode for the caller, or refuses. */
  @FunctionalInterface
  public interface MfaCheck {
    /**
     * @throws GatehouseException AccessDenied when the device or code is wrong
     */
    MfaFacts verify(Principal caller, String serialNumber, String tokenCode);
  }

  /**
   * @param roleUse records each assumed role's last use (keyed by role ARN) for GetRole
   */
  StsApi(
      IamServices iam,
      SessionIssuer issuer,
      MfaCheck mfa,
      ManagedSessionPolicies managed,
      LastUse roleUse,
      List<Operation<?, ?>> federated) {
    this.federated = List.copyOf(federated);
    this.managed = managed;
    this.roleUse = roleUse;
    this.iam = iam;
    this.issuer = issuer;
    this.mfa = mfa;
  }

  /**
   * The STS route: its action table, authorized by {@code authorizer}.
   *
   * @param roleUse records each assumed role's last use (keyed by role ARN) for GetRole
   */
  public static ApiRoute route(
      IamServices iam,
      SessionIssuer issuer,
      MfaCheck mfa,
      ManagedSessionPolicies managed,
      LastUse roleUse,
      Authorizer authorizer) {
    return route(iam, issuer, mfa, managed, roleUse, authorizer, List.of());
  }

  /**
   * The STS route with the federation actions ({@link FederatedResponses}:
   * AssumeRoleWithWebIdentity, AssumeRoleWithSAML), each built by its own class and served unsigned
   * too.
   */
  public static ApiRoute route(
      IamServices iam,
      SessionIssuer issuer,
      MfaCheck mfa,
      ManagedSessionPolicies managed,
      LastUse roleUse,
      Authorizer authorizer,
      List<Operation<?, ?>> federated) {
    return new ApiRoute(
        SIGNING_NAME,
        VERSION,
        NAMESPACE,
        EVENT_SOURCE,
        new StsApi(iam, issuer, mfa, managed, roleUse, federated).operations(),
        authorizer);
  }

  /** Where a role's use is written: the RoleLastUsed of the role its ARN names. */
  public static LastUse.Sink roleUse(IamServices iam) {
    return (roleArn, service, region) -> {
      // arn:aws:iam::ACCOUNT:role/PATH/NAME
      String account = roleArn.split(":", 6)[4];
      String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
      iam.roles().recordRoleUse(account, name, region);
    };
  }

  List<Operation<?, ?>> operations() {
    List<Operation<?, ?>> all = new ArrayList<>(own());
    all.addAll(federated);
    return all;
  }

  private List<Operation<?, ?>> own() {
    return List.of(
        new Operation<>(
            "AssumeRole",
            StsRequests::assumeRole,
            this::assumeRoleAim,
            this::assumeRole,
            StsApi::encodeAssumeRole),
        new Operation<>(
            "GetSessionToken",
            StsRequests::sessionToken,
            (caller, in) -> new Aim(new Target.Any(), mfaKeys(caller, in.mfa())),
            this::sessionToken,
            (issued, out) -> credentials(issued, out)),
        new Operation<>(
            "GetFederationToken",
            StsRequests::federationToken,
            (caller, in) ->
                Aim.of(
                    new Target.Arn(
                        "arn:aws:sts::"
                            + caller.principal().accountId()
                            + ":federated-user/"
                            + in.name())),
            (caller, in) -> {
              requireManaged(caller.principal().accountId(), in.policies().managedPolicyArns());
              return issuer.federationToken(caller.principal(), in);
            },
            StsApi::encodeFederationToken),
        new Operation<>(
            "GetCallerIdentity",
            params -> Boolean.TRUE,
            (caller, in) -> Aim.of(new Target.Any()),
            (caller, in) -> caller.principal(),
            (principal, out) ->
                out.field("UserId", principal.principalId())
                    .field("Account", principal.accountId())
                    .field("Arn", principal.arn())),
        new Operation<>(
            "GetAccessKeyInfo",
            StsRequests::accessKeyId,
            (caller, in) -> Aim.of(new Target.Any()),
            this::accessKeyAccount,
            (account, out) -> out.field("Account", account)));
  }

  /**
   * The request's own keys for the trust policy: sts:ExternalId, sts:RoleSessionName, the MFA keys
   * once the code verified, session tags (aws:RequestTag, aws:TagKeys, sts:TransitiveTagKeys) and
   * the source identity (spec: IAM User Guide, "IAM and AWS STS condition context keys").
   */
  private Aim assumeRoleAim(Caller caller, AssumeRoleRequest in) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    keys.put("sts:RoleSessionName", List.of(in.sessionName()));
    if (!in.externalId().isEmpty()) {
      keys.put("sts:ExternalId", List.of(in.externalId()));
    }
    keys.putAll(mfaKeys(caller, in.mfa()));
    if (!in.tags().isEmpty()) {
      List<String> names = new ArrayList<>();
      for (SessionTag t : in.tags()) {
        keys.put("aws:RequestTag/" + t.key(), List.of(t.value()));
        names.add(t.key());
      }
      keys.put("aws:TagKeys", names);
      if (!in.transitiveTagKeys().isEmpty()) {
        keys.put("sts:TransitiveTagKeys", in.transitiveTagKeys());
      }
    }
    if (!in.sourceIdentity().isEmpty()) {
      keys.put("sts:SourceIdentity", List.of(in.sourceIdentity()));
    }
    return new Aim(new Target.Arn(in.roleArn()), keys);
  }

  private SessionIssuer.Issued assumeRole(Caller caller, AssumeRoleRequest in) {
    // Authorization found the role; it may have been deleted since, which AWS reports as denial.
    dev.gatehouse.core.domain.Role role =
        issuer
            .role(in.roleArn())
            .orElseThrow(
                () ->
                    StsAuthorizer.denied(caller.principal(), "sts:AssumeRole", in.roleArn())
                        .toException());
    requireManaged(role.accountId(), in.policies().managedPolicyArns());
    // A console sign-in with MFA counts as MFA for the role session it switches into.
    MfaFacts mfaFacts = in.mfa().given() ? verified(in.mfa()) : caller.signInMfa();
    SessionIssuer.Issued issued = issuer.assumeRole(caller.principal(), role, in, mfaFacts);
    roleUse.used(role.arn(), SIGNING_NAME, caller.region());
    return issued;
  }

  /**
   * Managed session policies must exist in the account of the session (AWS managed ones included);
   * AWS refuses the request otherwise.
   */
  private void requireManaged(String accountId, List<String> arns) {
    for (String arn : arns) {
      if (managed.resolve(accountId, arn).isEmpty()) {
        throw new GatehouseException(
            ErrorCode.INVALID_PARAMETER_VALUE,
            "The policy "
                + arn
                + " does not exist or is not attachable in account "
                + accountId
                + ".");
      }
    }
  }

  private SessionIssuer.Issued sessionToken(Caller caller, SessionTokenRequest in) {
    return issuer.sessionToken(caller.principal(), in, verified(in.mfa()));
  }

  /**
   * The MFA facts of a request whose code the aim already verified (each code is accepted once, so
   * it is not checked again): the aim runs before the handler and throws on a bad code.
   */
  private MfaFacts verified(MfaCode given) {
    return given.given() ? MfaFacts.present(issuer.now()) : MfaFacts.absent();
  }

  private Map<String, List<String>> mfaKeys(Caller caller, MfaCode given) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    if (given.given()) {
      mfa.verify(caller.principal(), given.serialNumber(), given.tokenCode());
      keys.put("aws:MultiFactorAuthPresent", List.of("true"));
      keys.put("aws:MultiFactorAuthAge", List.of("0"));
    }
    return keys;
  }

  /**
   * The account of an access key. Long-term keys are looked up; a temporary key is known only to
   * its own caller (the token is stateless), so any other ASIA key is refused.
   */
  private String accessKeyAccount(Caller caller, String accessKeyId) {
    if (caller.accessKeyId().equals(accessKeyId)) {
      return caller.principal().accountId();
    }
    Optional<ResolvedKey> key = iam.accessKeys().resolve(accessKeyId);
    return key.map(ResolvedKey::accountId)
        .orElseThrow(
            () ->
                new GatehouseException(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "The access key " + accessKeyId + " is not known to this server."));
  }

  static void credentials(SessionIssuer.Issued issued, Shape out) {
    SessionClaims c = issued.claims();
    out.start("Credentials")
        .field("AccessKeyId", c.accessKeyId())
        .secret("SecretAccessKey", c.secretAccessKey())
        .secret("SessionToken", issued.token())
        .field("Expiration", c.expiresAt())
        .end();
  }

  private static void encodeAssumeRole(SessionIssuer.Issued issued, Shape out) {
    SessionClaims c = issued.claims();
    credentials(issued, out);
    out.start("AssumedRoleUser").field("AssumedRoleId", c.userId()).field("Arn", c.arn()).end();
    if (c.policies().isPresent() || !c.tags().isEmpty()) {
      out.field("PackedPolicySize", issued.packedPolicySize());
    }
    c.sourceIdentityIfSet().ifPresent(id -> out.field("SourceIdentity", id));
  }

  private static void encodeFederationToken(SessionIssuer.Issued issued, Shape out) {
    SessionClaims c = issued.claims();
    credentials(issued, out);
    out.start("FederatedUser").field("FederatedUserId", c.userId()).field("Arn", c.arn()).end();
    if (c.policies().isPresent() || !c.tags().isEmpty()) {
      out.field("PackedPolicySize", issued.packedPolicySize());
    }
  }
}
