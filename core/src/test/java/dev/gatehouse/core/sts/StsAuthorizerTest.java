package dev.gatehouse.core.sts;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.AuthorizationResult.Basis;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.IamAuthorizer;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.authz.TrustAuthorizer;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.iam.IamTestKit;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.policy.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * STS authorization as the server wires it: {@link StsAuthorizer} over {@link SessionLimits} and
 * the IAM authorizer, role trust through {@link TrustAuthorizer}, and {@link RevocationAuthorizer}.
 */
class StsAuthorizerTest {
  static final String ALICE_ARN = "arn:aws:iam::123456789012:user/eng/alice";

  private final StsFixture f = new StsFixture();
  private final ManagedSessionPolicies views =
      new ManagedSessionPolicies(new SnapshotViews(f.kit.snapshots), f.kit.iam);
  private final IamAuthorizer iam = new IamAuthorizer(views, ServiceReference.bundled());
  private final SessionLimits limits = new SessionLimits(iam);
  private final StsAuthorizer sts = new StsAuthorizer(limits, new TrustAuthorizer(views), f.issuer);
  private final RevocationAuthorizer revocation = new RevocationAuthorizer(limits);

  private static String trust(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  private static String statement(String effect, String principal, String... actions) {
    return "{\"Effect\":\""
        + effect
        + "\",\"Principal\":{\"AWS\":\""
        + principal
        + "\"},\"Action\":[\""
        + String.join("\",\"", actions)
        + "\"]}";
  }

  private static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  private Role role(String name, String trustPolicy) {
    return f.kit.iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of(name, trustPolicy));
  }

  private void alicePolicy(String name, String document) {
    f.kit.iam.inlinePolicies().put(ACCOUNT, EntityKind.USER, "alice", name, document);
  }

  private static AuthorizationRequest request(
      Principal principal, String action, Target target, Map<String, List<String>> keys) {
    return new AuthorizationRequest(principal, action, target, keys, "10.0.0.1", true, NOW);
  }

  private AuthorizationResult assumeRole(Principal principal, String roleArn) {
    return sts.decide(request(principal, "sts:AssumeRole", new Target.Arn(roleArn), Map.of()));
  }

  private AuthorizationResult assumeRole(
      Principal principal, String roleArn, Map<String, List<String>> keys) {
    return sts.decide(request(principal, "sts:AssumeRole", new Target.Arn(roleArn), keys));
  }

  private static AuthorizationResult.Denied denied(AuthorizationResult result) {
    assertThat(result).isInstanceOf(AuthorizationResult.Denied.class);
    return (AuthorizationResult.Denied) result;
  }

  private static String notAuthorized(Principal who, String action, String resource) {
    return "User: "
        + who.arn()
        + " is not authorized to perform: "
        + action
        + " on resource: "
        + resource;
  }

  private Principal.Session sessionToken(Principal caller, MfaFacts mfa) {
    return new Principal.Session(
        f.issuer
            .sessionToken(
                caller, new SessionTokenRequest(Optional.empty(), new MfaCode("", "")), mfa)
            .claims());
  }

  private Principal.Session federated() {
    return new Principal.Session(
        f.issuer
            .federationToken(
                f.alice,
                new FederationTokenRequest(
                    "bob",
                    Optional.empty(),
                    new SessionPolicies(allow("*", "*"), List.of()),
                    List.of()))
            .claims());
  }

  @Test
  void theRootUserMayNotAssumeRolesWhateverTheTrustPolicy() {
    Role open =
        role("open", trust(statement("Allow", "arn:aws:iam::123456789012:root", "sts:AssumeRole")));
    for (Principal root : List.of(f.root, sessionToken(f.root, MfaFacts.present(NOW)))) {
      AuthorizationResult.Denied d = denied(assumeRole(root, open.arn()));
      assertThat(d.message()).isEqualTo("Roles may not be assumed by root accounts.");
      assertThat(d.basis()).isEqualTo(Basis.RULE);
      assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
      assertThat(d.statements()).isEmpty();
      assertThat(d.toException().code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    }
  }

  @Test
  void aMissingRoleIsRefusedLikeARefusingOne() {
    alicePolicy("assume", allow("sts:AssumeRole", "*"));
    String arn = "arn:aws:iam::123456789012:role/ops/nobody";
    AuthorizationResult.Denied d = denied(assumeRole(f.alice, arn));
    assertThat(d.message()).isEqualTo(notAuthorized(f.alice, "sts:AssumeRole", arn));
    assertThat(d.basis()).isEqualTo(Basis.RULE);
    // The role's name with another path is another role.
    assertThat(assumeRole(f.alice, "arn:aws:iam::123456789012:role/deploy").allowed()).isFalse();
  }

  @Test
  void aTrustPolicyNamingTheAccountDelegatesToTheCallersIdentityPolicies() {
    AuthorizationResult.Denied d = denied(assumeRole(f.alice, f.deploy.arn()));
    assertThat(d.message()).isEqualTo(notAuthorized(f.alice, "sts:AssumeRole", f.deploy.arn()));
    assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    assertThat(d.basis()).isEqualTo(Basis.NO_IDENTITY_POLICY_ALLOW);

    alicePolicy("assume", allow("sts:AssumeRole", f.deploy.arn()));
    AuthorizationResult allowed = assumeRole(f.alice, f.deploy.arn());
    assertThat(allowed.allowed()).isTrue();
    assertThat(allowed.orThrow().resourceArn()).isEqualTo(f.deploy.arn());
  }

  @Test
  void aTrustPolicyNamingTheUserAllowsAloneAndAnExplicitDenyRefuses() {
    Role direct = role("direct", trust(statement("Allow", ALICE_ARN, "sts:AssumeRole")));
    assertThat(assumeRole(f.alice, direct.arn()).allowed()).isTrue();

    Role denying =
        role(
            "denying",
            trust(
                statement("Allow", "arn:aws:iam::123456789012:root", "sts:AssumeRole"),
                statement("Deny", ALICE_ARN, "sts:AssumeRole")));
    alicePolicy("assume", allow("sts:AssumeRole", "*"));
    AuthorizationResult.Denied d = denied(assumeRole(f.alice, denying.arn()));
    assertThat(d.outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
    assertThat(d.basis()).isEqualTo(Basis.EXPLICIT_DENY);
    assertThat(d.statements()).hasSize(1);
    assertThat(d.message()).isEqualTo(notAuthorized(f.alice, "sts:AssumeRole", denying.arn()));
    // The trust policy names alice, not her role session, and the role's policies allow nothing.
    assertThat(assumeRole(f.deploySession(), direct.arn()).allowed()).isFalse();
  }

  @Test
  void sessionTagsNeedTheirOwnAllow() {
    Role assumeOnly = role("assume-only", trust(statement("Allow", ALICE_ARN, "sts:AssumeRole")));
    Role tagging =
        role("tagging", trust(statement("Allow", ALICE_ARN, "sts:AssumeRole", "sts:TagSession")));
    Map<String, List<String>> tags =
        Map.of("aws:TagKeys", List.of("Project"), "aws:RequestTag/Project", List.of("Gatehouse"));
    AuthorizationResult.Denied d = denied(assumeRole(f.alice, assumeOnly.arn(), tags));
    assertThat(d.message()).isEqualTo(notAuthorized(f.alice, "sts:TagSession", assumeOnly.arn()));
    assertThat(assumeRole(f.alice, tagging.arn(), tags).allowed()).isTrue();
    assertThat(assumeRole(f.alice, assumeOnly.arn()).allowed()).as("without tags").isTrue();
  }

  @Test
  void aSourceIdentityNeedsItsOwnAllow() {
    Role assumeOnly = role("assume-only", trust(statement("Allow", ALICE_ARN, "sts:AssumeRole")));
    Role identifying =
        role(
            "identifying",
            trust(statement("Allow", ALICE_ARN, "sts:AssumeRole", "sts:SetSourceIdentity")));
    Map<String, List<String>> identity = Map.of("sts:SourceIdentity", List.of("alice@corp"));
    AuthorizationResult.Denied d = denied(assumeRole(f.alice, assumeOnly.arn(), identity));
    assertThat(d.message())
        .isEqualTo(notAuthorized(f.alice, "sts:SetSourceIdentity", assumeOnly.arn()));
    assertThat(assumeRole(f.alice, identifying.arn(), identity).allowed()).isTrue();
    // Both: each must be allowed; TagSession is checked first.
    Map<String, List<String>> both =
        Map.of("sts:SourceIdentity", List.of("alice@corp"), "aws:TagKeys", List.of("k"));
    assertThat(denied(assumeRole(f.alice, identifying.arn(), both)).message())
        .isEqualTo(notAuthorized(f.alice, "sts:TagSession", identifying.arn()));
    Role all =
        role(
            "all",
            trust(
                statement(
                    "Allow",
                    ALICE_ARN,
                    "sts:AssumeRole",
                    "sts:TagSession",
                    "sts:SetSourceIdentity")));
    assertThat(assumeRole(f.alice, all.arn(), both).allowed()).isTrue();
  }

  @Test
  void getCallerIdentityAndGetSessionTokenNeedNoPermission() {
    Decision none = new Decision("*", List.of("NO_PERMISSION_NEEDED"));
    for (Principal p :
        List.of(f.alice, f.root, f.deploySession(), sessionToken(f.alice, MfaFacts.absent()))) {
      for (String action : List.of("sts:GetCallerIdentity", "sts:GetSessionToken")) {
        assertThat(sts.decide(request(p, action, new Target.Any(), Map.of())))
            .as("%s %s", p.arn(), action)
            .isEqualTo(new AuthorizationResult.Allowed(none));
      }
    }
    // A federated user may ask who it is, and nothing else of STS.
    Principal.Session fed = federated();
    assertThat(sts.decide(request(fed, "sts:GetCallerIdentity", new Target.Any(), Map.of())))
        .isEqualTo(new AuthorizationResult.Allowed(none));
    // GetSessionToken passes here: the issuer refuses session credentials with AWS's message.
    assertThat(sts.decide(request(fed, "sts:GetSessionToken", new Target.Any(), Map.of())))
        .isEqualTo(new AuthorizationResult.Allowed(none));
    for (String action : List.of("sts:GetFederationToken", "sts:DecodeAuthorizationMessage")) {
      AuthorizationResult r = sts.decide(request(fed, action, new Target.Any(), Map.of()));
      assertThat(denied(r).message()).isEqualTo(notAuthorized(fed, action, "*"));
    }
  }

  @Test
  void aFederatedUserMayNotAssumeARole() {
    Role direct =
        role(
            "direct",
            trust(statement("Allow", "arn:aws:iam::123456789012:root", "sts:AssumeRole")));
    alicePolicy("assume", allow("sts:AssumeRole", "*"));
    Principal.Session fed = federated();
    AuthorizationResult.Denied d = denied(assumeRole(fed, direct.arn()));
    assertThat(d.message()).isEqualTo(notAuthorized(fed, "sts:AssumeRole", "*"));
    assertThat(d.message()).startsWith("User: arn:aws:sts::123456789012:federated-user/bob ");
    assertThat(d.basis()).isEqualTo(Basis.RULE);
    // Alice herself may.
    assertThat(assumeRole(f.alice, direct.arn()).allowed()).isTrue();
  }

  @Test
  void sessionTokenAndRoleSessionsMayChainIntoRoles() {
    alicePolicy("assume", allow("sts:AssumeRole", "*"));
    Principal.Session token = sessionToken(f.alice, MfaFacts.absent());
    assertThat(assumeRole(token, f.deploy.arn()).allowed()).isTrue();
    // The role session has no identity policy allowing AssumeRole.
    Principal.Session roleSession = f.deploySession();
    assertThat(denied(assumeRole(roleSession, f.deploy.arn())).basis())
        .isEqualTo(Basis.NO_IDENTITY_POLICY_ALLOW);
    f.kit
        .iam
        .inlinePolicies()
        .put(ACCOUNT, EntityKind.ROLE, "deploy", "chain", allow("sts:AssumeRole", "*"));
    assertThat(assumeRole(roleSession, f.deploy.arn()).allowed()).isTrue();
  }

  @Test
  void onlyRoleSessionsReachOtherStsActions() {
    String action = "sts:GetAccessKeyInfo";
    alicePolicy("sts", allow("sts:*", "*"));
    f.kit.iam.inlinePolicies().put(ACCOUNT, EntityKind.ROLE, "deploy", "sts", allow("sts:*", "*"));
    Principal.Session token = sessionToken(f.alice, MfaFacts.present(NOW));
    assertThat(denied(sts.decide(request(token, action, new Target.Any(), Map.of()))).message())
        .isEqualTo(notAuthorized(token, action, "*"));
    Principal.Session roleSession = f.deploySession();
    assertThat(sts.decide(request(roleSession, action, new Target.Any(), Map.of())).allowed())
        .isTrue();
    assertThat(sts.decide(request(f.alice, action, new Target.Any(), Map.of())).allowed()).isTrue();
    // Long-term credentials: the identity policies decide.
    f.kit.iam.inlinePolicies().delete(ACCOUNT, EntityKind.USER, "alice", "sts");
    assertThat(denied(sts.decide(request(f.alice, action, new Target.Any(), Map.of()))).basis())
        .isEqualTo(Basis.NO_IDENTITY_POLICY_ALLOW);
  }

  @Test
  void sessionLimitsOnIamCalls() {
    alicePolicy("iam", allow("iam:ListUsers", "*"));
    Target any = new Target.Any();
    assertThat(limits.decide(request(f.alice, "iam:ListUsers", any, Map.of())).allowed()).isTrue();
    // GetSessionToken credentials need MFA for IAM.
    Principal.Session withoutMfa = sessionToken(f.alice, MfaFacts.absent());
    AuthorizationResult.Denied d =
        denied(limits.decide(request(withoutMfa, "iam:ListUsers", any, Map.of())));
    assertThat(d.message()).isEqualTo(notAuthorized(withoutMfa, "iam:ListUsers", "*"));
    assertThat(d.basis()).isEqualTo(Basis.RULE);
    Principal.Session withMfa = sessionToken(f.alice, MfaFacts.present(NOW));
    assertThat(limits.decide(request(withMfa, "iam:ListUsers", any, Map.of())).allowed()).isTrue();
    // A federated user never calls IAM, whatever its policies allow.
    Principal.Session fed = federated();
    assertThat(denied(limits.decide(request(fed, "iam:ListUsers", any, Map.of()))).message())
        .isEqualTo(notAuthorized(fed, "iam:ListUsers", "*"));
    // A role session: its role's policies decide.
    Principal.Session roleSession = f.deploySession();
    assertThat(denied(limits.decide(request(roleSession, "iam:ListUsers", any, Map.of()))).basis())
        .isEqualTo(Basis.NO_IDENTITY_POLICY_ALLOW);
  }

  @Test
  void revokeRoleSessionsIsAuthorizedAsPutRolePolicyOnTheRole() {
    Target deploy = new Target.Named("role", "deploy", "/");
    AuthorizationRequest revokeRole =
        request(f.alice, "gatehouse:RevokeRoleSessions", deploy, Map.of());
    // An allow of the Gatehouse action itself is not what counts.
    alicePolicy("revoke", allow("gatehouse:RevokeRoleSessions", "*"));
    AuthorizationResult.Denied d = denied(revocation.decide(revokeRole));
    assertThat(d.message()).startsWith(notAuthorized(f.alice, "iam:PutRolePolicy", f.deploy.arn()));
    alicePolicy("put", allow("iam:PutRolePolicy", f.deploy.arn()));
    assertThat(revocation.decide(revokeRole).orThrow().resourceArn()).isEqualTo(f.deploy.arn());
    // Another role is not covered by that allow.
    role("other", IamTestKit.TRUST);
    assertThat(
            revocation
                .decide(
                    request(
                        f.alice,
                        "gatehouse:RevokeRoleSessions",
                        new Target.Named("role", "other", "/"),
                        Map.of()))
                .allowed())
        .isFalse();
  }

  @Test
  void theOtherRevocationActionsAreAuthorizedAsWritten() {
    for (String action : List.of("gatehouse:RevokeSession", "gatehouse:RevokeUserSessions")) {
      AuthorizationRequest r = request(f.alice, action, new Target.Any(), Map.of());
      assertThat(denied(revocation.decide(r)).basis()).isEqualTo(Basis.NO_IDENTITY_POLICY_ALLOW);
      alicePolicy("revoke", allow(action, "*"));
      assertThat(revocation.decide(r).allowed()).as(action).isTrue();
      // iam:PutRolePolicy does not stand in for these.
      alicePolicy("revoke", allow("iam:PutRolePolicy", "*"));
      assertThat(revocation.decide(r).allowed()).as(action).isFalse();
    }
    // Through the session limits: a federated user may not revoke.
    Principal.Session fed = federated();
    assertThat(
            revocation
                .decide(request(fed, "gatehouse:RevokeSession", new Target.Any(), Map.of()))
                .allowed())
        .isFalse();
  }
}
