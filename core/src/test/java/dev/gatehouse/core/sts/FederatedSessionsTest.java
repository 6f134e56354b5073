package dev.gatehouse.core.sts;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.AuthorizationResult.Basis;
import dev.gatehouse.core.authz.IamAuthorizer;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.authz.TrustAuthorizer;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.Roles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A federated caller's role session: the trust policy decides for {@code Principal: {"Federated":
 * PROVIDER}} under the provider's keys ({@link StsAuthorizer} on a {@link Target.FederatedRole}),
 * then {@link FederatedSessions} issues it as AssumeRole would.
 */
class FederatedSessionsTest {
  static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/idp.example:8443/ci";
  static final String SUB_KEY = "idp.example:8443/ci:sub";

  private final StsFixture f = new StsFixture();
  private final ManagedSessionPolicies views =
      new ManagedSessionPolicies(new SnapshotViews(f.kit.snapshots), f.kit.iam);
  private final StsAuthorizer sts =
      new StsAuthorizer(
          new SessionLimits(new IamAuthorizer(views, ServiceReference.bundled())),
          new TrustAuthorizer(views),
          f.issuer);
  private final FederatedSessions sessions = new FederatedSessions(f.issuer, views);

  private Role role(String name, String... actions) {
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Federated\":\""
            + PROVIDER
            + "\"},\"Action\":[\""
            + String.join("\",\"", actions)
            + "\"],\"Condition\":{\"StringLike\":{\""
            + SUB_KEY
            + "\":\"repo:acme/*\"}}}]}";
    return f.kit.iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of(name, trust));
  }

  private static FederatedAssumption ask(
      String roleArn,
      String provider,
      String sub,
      Optional<Integer> duration,
      List<SessionTag> tags,
      String sourceIdentity) {
    return new FederatedAssumption(
        FederatedAssumption.session(
            roleArn,
            "run-42",
            duration,
            new SessionPolicies(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                    + "\"s3:*\",\"Resource\":\"*\"}]}",
                List.of()),
            tags,
            List.of(),
            sourceIdentity),
        provider,
        FederatedAssumption.WEB_IDENTITY_ACTION,
        Map.of(SUB_KEY, List.of(sub), "idp.example:8443/ci:aud", List.of("sts.amazonaws.com")),
        FederatedCaller.webIdentity("idp.example:8443/ci", "sts.amazonaws.com", sub));
  }

  private static FederatedAssumption ask(String roleArn, String sub) {
    return ask(roleArn, PROVIDER, sub, Optional.empty(), List.of(), "");
  }

  private AuthorizationResult decide(Principal signer, String action, FederatedAssumption in) {
    return sts.decide(
        new AuthorizationRequest(
            signer, action, new Target.FederatedRole(in), Map.of(), "10.0.0.1", true, NOW));
  }

  private AuthorizationResult decide(FederatedAssumption in) {
    return decide(new Principal.Anonymous(), FederatedAssumption.WEB_IDENTITY_ACTION, in);
  }

  private static AuthorizationResult.Denied denied(AuthorizationResult result) {
    assertThat(result).isInstanceOf(AuthorizationResult.Denied.class);
    return (AuthorizationResult.Denied) result;
  }

  @Test
  void theTrustPolicyLetsTheNamedProviderInUnderItsConditionKeys() {
    Role ci = role("ci", "sts:AssumeRoleWithWebIdentity");
    assertThat(decide(ask(ci.arn(), "repo:acme/app:ref:refs/heads/main")).allowed()).isTrue();
    // Signed requests are decided the same way: the token speaks, not the signer.
    assertThat(
            decide(f.alice, FederatedAssumption.WEB_IDENTITY_ACTION, ask(ci.arn(), "repo:acme/x"))
                .allowed())
        .isTrue();
  }

  @Test
  void aRoleThatRequiresAccessGrantsIsNeverAssumedByAFederatedCaller() {
    Role ci = role("ci", "sts:AssumeRoleWithWebIdentity");
    RoleGrants required =
        new RoleGrants() {
          @Override
          public GrantCheck check(Principal caller, Role role, java.time.Instant now) {
            return new GrantCheck.Missing("no live grant");
          }

          @Override
          public void issuing(GrantCheck.Live grant) {
            throw new AssertionError("no session is issued");
          }
        };
    StsAuthorizer gated =
        new StsAuthorizer(
            new SessionLimits(new IamAuthorizer(views, ServiceReference.bundled())),
            new TrustAuthorizer(views),
            f.issuer,
            required);
    AuthorizationResult.Denied refused =
        denied(
            gated.decide(
                new AuthorizationRequest(
                    new Principal.Anonymous(),
                    FederatedAssumption.WEB_IDENTITY_ACTION,
                    new Target.FederatedRole(ask(ci.arn(), "repo:acme/app")),
                    Map.of(),
                    "10.0.0.1",
                    true,
                    NOW)));
    assertThat(refused.message()).contains("requires an approved access grant");
    // The same request passes where the role requires none: the trust policy allows it.
    assertThat(decide(ask(ci.arn(), "repo:acme/app")).allowed()).isTrue();
  }

  @Test
  void aSubjectTheConditionDoesNotAllowIsRefusedWithAwsMessage() {
    Role ci = role("ci", "sts:AssumeRoleWithWebIdentity");
    AuthorizationResult.Denied refused = denied(decide(ask(ci.arn(), "repo:evil/app")));
    assertThat(refused.message())
        .isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    assertThat(refused.basis()).isEqualTo(Basis.NO_RESOURCE_POLICY_ALLOW);
    assertThat(refused.toException().code()).isEqualTo(ErrorCode.ACCESS_DENIED);
  }

  @Test
  void anotherProviderOrAnotherActionOrAMissingRoleIsRefused() {
    Role ci = role("ci", "sts:AssumeRoleWithWebIdentity");
    String other = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/other.example";
    denied(decide(ask(ci.arn(), other, "repo:acme/a", Optional.empty(), List.of(), "")));
    Role samlOnly = role("samlOnly", "sts:AssumeRoleWithSAML");
    denied(decide(ask(samlOnly.arn(), "repo:acme/a")));
    denied(decide(ask("arn:aws:iam::" + ACCOUNT + ":role/none", "repo:acme/a")));
    // The gate's action must be the assumption's own.
    denied(decide(new Principal.Anonymous(), "sts:AssumeRole", ask(ci.arn(), "repo:acme/a")));
  }

  @Test
  void sessionTagsAndSourceIdentityNeedTheirOwnAllows() {
    Role plain = role("plain", "sts:AssumeRoleWithWebIdentity");
    List<SessionTag> tags = List.of(new SessionTag("team", "blue"));
    denied(decide(ask(plain.arn(), PROVIDER, "repo:acme/a", Optional.empty(), tags, "")));
    denied(decide(ask(plain.arn(), PROVIDER, "repo:acme/a", Optional.empty(), List.of(), "me")));
    Role full =
        role("full", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity");
    assertThat(
            decide(ask(full.arn(), PROVIDER, "repo:acme/a", Optional.empty(), tags, "me"))
                .allowed())
        .isTrue();
  }

  @Test
  void theSessionIsARoleSessionWithTheRequestedParameters() {
    Role ci =
        role("ci", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity");
    FederatedSession s =
        sessions.assume(
            ask(
                ci.arn(),
                PROVIDER,
                "repo:acme/a",
                Optional.of(900),
                List.of(new SessionTag("team", "blue")),
                "octocat"));
    SessionClaims c = s.issued().claims();
    assertThat(c.arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/run-42");
    assertThat(c.userId()).isEqualTo(ci.id() + ":run-42");
    assertThat(Duration.between(c.issuedAt(), c.expiresAt())).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.sourceIdentity()).isEqualTo("octocat");
    assertThat(c.tags()).containsExactly(new SessionTag("team", "blue"));
    assertThat(c.policies().inlinePolicy()).contains("s3:*");
    assertThat(c.mfa().isPresent()).isFalse();
    assertThat(c.chainDepth()).isZero();
    assertThat(c.originId()).isEqualTo("idp.example:8443/ci:sts.amazonaws.com:repo:acme/a");
    assertThat(s.issued().packedPolicySize()).isPositive();
    assertThat(s.caller().type()).isEqualTo("WebIdentityUser");
    assertThat(s.caller().userName()).isEqualTo("repo:acme/a");
    assertThat(s.caller().identityProvider()).isEqualTo("idp.example:8443/ci");
    assertThat(s.session()).isSameAs(s);
    // Without DurationSeconds: one hour, as AssumeRole.
    SessionClaims plain = sessions.assume(ask(ci.arn(), "repo:acme/b")).issued().claims();
    assertThat(Duration.between(plain.issuedAt(), plain.expiresAt()))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theRolesMaxSessionDurationBoundsTheSession() {
    Role ci =
        f.kit
            .iam
            .roles()
            .createRole(
                ACCOUNT,
                new Roles.CreateRoleRequest(
                    "ci2",
                    "/",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Federated\":\""
                        + PROVIDER
                        + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}",
                    "",
                    7200,
                    "",
                    List.of()));
    assertThat(
            sessions
                .assume(ask(ci.arn(), PROVIDER, "x", Optional.of(7200), List.of(), ""))
                .issued()
                .claims()
                .expiresAt())
        .isEqualTo(NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(7200));
    assertThatThrownBy(
            () -> sessions.assume(ask(ci.arn(), PROVIDER, "x", Optional.of(7201), List.of(), "")))
        .isInstanceOf(GatehouseException.class)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.VALIDATION_ERROR);
  }

  @Test
  void aMissingManagedSessionPolicyOrADeletedRoleIsRefused() {
    Role ci = role("ci", "sts:AssumeRoleWithWebIdentity");
    FederatedAssumption withManaged =
        new FederatedAssumption(
            FederatedAssumption.session(
                ci.arn(),
                "s",
                Optional.empty(),
                new SessionPolicies("", List.of("arn:aws:iam::" + ACCOUNT + ":policy/none")),
                List.of(),
                List.of(),
                ""),
            PROVIDER,
            FederatedAssumption.WEB_IDENTITY_ACTION,
            Map.of(),
            FederatedCaller.webIdentity("idp", "aud", "sub"));
    assertThatThrownBy(() -> sessions.assume(withManaged))
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThatThrownBy(() -> sessions.assume(ask("arn:aws:iam::" + ACCOUNT + ":role/gone", "x")))
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(sessions.role(ci.arn())).isPresent();
  }

  @Test
  void federatedRequestsCarryNoExternalIdOrMfaAndNameTheirCallerAsCloudTrailDoes() {
    AssumeRoleRequest withExternalId =
        new AssumeRoleRequest(
            "arn:aws:iam::" + ACCOUNT + ":role/r",
            "s",
            Optional.empty(),
            "ext",
            new MfaCode("", ""),
            SessionPolicies.none(),
            List.of(),
            List.of(),
            "");
    FederatedCaller caller = FederatedCaller.saml("qualifier", "alice");
    assertThatThrownBy(
            () ->
                new FederatedAssumption(
                    withExternalId, PROVIDER, FederatedAssumption.SAML_ACTION, Map.of(), caller))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new FederatedAssumption(
                    FederatedAssumption.session(
                        "r",
                        "s",
                        Optional.empty(),
                        SessionPolicies.none(),
                        List.of(),
                        List.of(),
                        ""),
                    PROVIDER,
                    "sts:AssumeRole",
                    Map.of(),
                    caller))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(caller.type()).isEqualTo("SAMLUser");
    assertThat(caller.principalId()).isEqualTo("qualifier:alice");
    assertThat(caller.identityProvider()).isEqualTo("qualifier");
    assertThatThrownBy(() -> new FederatedCaller("IAMUser", "p", "u", "i"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
