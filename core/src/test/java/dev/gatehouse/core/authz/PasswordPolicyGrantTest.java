package dev.gatehouse.core.authz;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamTestKit;
import dev.gatehouse.core.iam.LoginProfiles;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.core.sts.SessionPolicies;
import dev.gatehouse.core.sts.SessionPrincipal;
import dev.gatehouse.policy.Outcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The password policy's AllowUsersToChangePassword, evaluated by the engine as one more identity
 * policy of the IAM user who asks: over a real snapshot view of an account.
 */
class PasswordPolicyGrantTest {
  static final String CHANGE = "iam:ChangePassword";
  static final String READ = "iam:GetAccountPasswordPolicy";

  private final IamTestKit kit = new IamTestKit();
  private final IamAuthorizer iam =
      new IamAuthorizer(new SnapshotViews(kit.snapshots), ServiceReference.bundled());
  private final PasswordPolicyGrant grant =
      new PasswordPolicyGrant(iam, kit.iam.loginProfiles()::passwordPolicy);
  private final Principal.User alice = user("alice", "/");
  private final Principal.User carol = user("carol", "/team/x/");

  private Principal.User user(String name, String path) {
    User u =
        kit.iam.users().createUser(ACCOUNT, new Users.CreateUserRequest(name, path, "", List.of()));
    return new Principal.User(ACCOUNT, name, path, u.id());
  }

  private void passwordPolicy(boolean allowUsersToChangePassword) {
    kit.iam
        .loginProfiles()
        .updateAccountPasswordPolicy(
            ACCOUNT,
            new LoginProfiles.PolicyRequest(
                Optional.empty(),
                false,
                false,
                false,
                false,
                allowUsersToChangePassword,
                Optional.empty(),
                Optional.empty(),
                false));
  }

  private static String policy(String effect, String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  private static AuthorizationRequest request(Principal p, String action, Target target) {
    return new AuthorizationRequest(p, action, target, Map.of(), "10.0.0.1", true, NOW);
  }

  /** ChangePassword as the server asks it: on the caller's own user, by name. */
  private AuthorizationResult changeOwn(Principal.User p) {
    return grant.decide(request(p, CHANGE, new Target.Named("user", p.userName(), "/")));
  }

  private AuthorizationResult read(Principal p) {
    return grant.decide(request(p, READ, new Target.Any()));
  }

  private static AuthorizationResult.Denied denied(AuthorizationResult r) {
    assertThat(r).isInstanceOf(AuthorizationResult.Denied.class);
    return (AuthorizationResult.Denied) r;
  }

  private static void grantedByThePasswordPolicy(AuthorizationResult r) {
    assertThat(r.allowed()).isTrue();
    assertThat(r.orThrow().reason())
        .first()
        .isEqualTo(dev.gatehouse.policy.Decision.Basis.ALLOWED_BY_POLICY.name());
    assertThat(r.orThrow().reason()).anyMatch(s -> s.contains(PasswordPolicyGrant.REASON));
  }

  @Test
  void withoutAPasswordPolicyThereIsNoGrant() {
    AuthorizationResult.Denied d = denied(changeOwn(alice));
    assertThat(d.basis()).isEqualTo(AuthorizationResult.Basis.NO_IDENTITY_POLICY_ALLOW);
    assertThat(d.message())
        .isEqualTo(
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform:"
                + " iam:ChangePassword on resource: arn:aws:iam::123456789012:user/alice because"
                + " no identity-based policy allows the iam:ChangePassword action");
    GatehouseException e = d.toException();
    assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(e).hasMessage(d.message());
    Assertions.assertThatThrownBy(d::orThrow).isInstanceOf(GatehouseException.class);
    assertThat(denied(read(alice)).basis())
        .isEqualTo(AuthorizationResult.Basis.NO_IDENTITY_POLICY_ALLOW);
  }

  @Test
  void aPasswordPolicyThatDoesNotAllowItGrantsNothing() {
    passwordPolicy(false);
    assertThat(changeOwn(alice).allowed()).isFalse();
    assertThat(read(alice).allowed()).isFalse();
  }

  @Test
  void usersMayChangeTheirOwnPasswordWithOrWithoutAPathAndReadThePolicy() {
    passwordPolicy(true);
    grantedByThePasswordPolicy(changeOwn(alice));
    assertThat(changeOwn(alice).orThrow().resourceArn())
        .isEqualTo("arn:aws:iam::123456789012:user/alice");
    grantedByThePasswordPolicy(changeOwn(carol));
    assertThat(changeOwn(carol).orThrow().resourceArn())
        .isEqualTo("arn:aws:iam::123456789012:user/team/x/carol");
    grantedByThePasswordPolicy(read(alice));
    grantedByThePasswordPolicy(read(carol));
  }

  @Test
  void onlyTheirOwnPasswordAndOnlyTheseTwoActions() {
    passwordPolicy(true);
    for (Principal.User other : List.of(carol, user("bob", "/"))) {
      AuthorizationResult r =
          grant.decide(request(alice, CHANGE, new Target.Named("user", other.userName(), "/")));
      assertThat(denied(r).basis()).isEqualTo(AuthorizationResult.Basis.NO_IDENTITY_POLICY_ALLOW);
    }
    for (String action : List.of("iam:UpdateLoginProfile", "iam:GetLoginProfile", "iam:GetUser")) {
      AuthorizationResult r =
          grant.decide(request(alice, action, new Target.Named("user", "alice", "/")));
      assertThat(r.allowed()).as(action).isFalse();
    }
    for (String action :
        List.of("iam:UpdateAccountPasswordPolicy", "iam:DeleteAccountPasswordPolicy")) {
      assertThat(grant.decide(request(alice, action, new Target.Any())).allowed())
          .as(action)
          .isFalse();
    }
  }

  @Test
  void anExplicitDenyStillRefuses() {
    passwordPolicy(true);
    kit.iam
        .inlinePolicies()
        .put(ACCOUNT, EntityKind.USER, "alice", "no", policy("Deny", "iam:*Password*", "*"));
    AuthorizationResult.Denied change = denied(changeOwn(alice));
    assertThat(change.outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
    assertThat(change.basis()).isEqualTo(AuthorizationResult.Basis.EXPLICIT_DENY);
    assertThat(change.statements())
        .containsExactly("Deny in identity-based policy \"user/alice/no\", statement 0");
    assertThat(change.message()).endsWith("with an explicit deny in an identity-based policy");
    assertThat(denied(read(alice)).basis()).isEqualTo(AuthorizationResult.Basis.EXPLICIT_DENY);
    // Carol has no such deny.
    grantedByThePasswordPolicy(changeOwn(carol));
  }

  @Test
  void aPermissionsBoundaryStillRefuses() {
    passwordPolicy(true);
    String s3Only =
        kit.iam
            .managedPolicies()
            .createPolicy(
                ACCOUNT,
                ManagedPolicies.CreatePolicyRequest.of("s3-only", policy("Allow", "s3:*", "*")))
            .arn();
    kit.iam.users().putUserPermissionsBoundary(ACCOUNT, "alice", s3Only);
    assertThat(denied(changeOwn(alice)).basis())
        .isEqualTo(AuthorizationResult.Basis.NO_PERMISSIONS_BOUNDARY_ALLOW);
    assertThat(denied(read(alice)).basis())
        .isEqualTo(AuthorizationResult.Basis.NO_PERMISSIONS_BOUNDARY_ALLOW);
    // A boundary that allows the action lets the grant through, as any identity allow.
    kit.iam.users().putUserPermissionsBoundary(ACCOUNT, "alice", IamTestKit.READ_ONLY_ACCESS);
    grantedByThePasswordPolicy(read(alice));
  }

  private Principal.Session session(SessionPrincipal principal, SessionPolicies policies) {
    Instant issued = NOW.truncatedTo(ChronoUnit.SECONDS);
    return new Principal.Session(
        new SessionClaims(
            "s1",
            "aws",
            ACCOUNT,
            principal,
            alice.userId(),
            "",
            issued,
            issued.plusSeconds(3600),
            MfaFacts.present(issued),
            policies,
            List.of(),
            List.of(),
            0,
            "ASIAEXAMPLEEXAMPLE12",
            "secret"));
  }

  @Test
  void sessionsGetNoGrant() {
    passwordPolicy(true);
    kit.iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("r", IamTestKit.TRUST));
    String roleId = kit.iam.roles().getRole(ACCOUNT, "r").role().id();
    List<Principal.Session> sessions =
        List.of(
            session(
                new SessionPrincipal.AssumedRole("arn:aws:iam::123456789012:role/r", roleId, "s"),
                SessionPolicies.none()),
            session(
                new SessionPrincipal.UserSession(alice.arn(), alice.userId()),
                SessionPolicies.none()),
            // Even a session policy allowing it does not grant: it only limits.
            session(
                new SessionPrincipal.FederatedUser(alice.arn(), alice.userId(), "fed"),
                new SessionPolicies(policy("Allow", "iam:*", "*"), List.of())));
    for (Principal.Session s : sessions) {
      assertThat(denied(read(s)).basis())
          .as(s.arn())
          .isEqualTo(AuthorizationResult.Basis.NO_IDENTITY_POLICY_ALLOW);
    }
    // Nor the root user, who needs none (the engine's root rule).
    assertThat(read(new Principal.Root(ACCOUNT)).orThrow().reason())
        .containsExactly(dev.gatehouse.policy.Decision.Basis.ROOT_USER.name());
  }

  @Test
  void accountGrantsAreLimitedBySessionPoliciesLikeAnyIdentityAllow() {
    // The grant is one more identity policy: were it given to a session acting for alice, the
    // session policy would still bound it.
    Principal.Session narrowed =
        session(
            new SessionPrincipal.FederatedUser(alice.arn(), alice.userId(), "fed"),
            new SessionPolicies(policy("Allow", "s3:*", "*"), List.of()));
    AuthorizationRequest withGrant =
        request(narrowed, READ, new Target.Any())
            .withAccountGrants(List.of(PasswordPolicyGrant.grant()));
    assertThat(denied(iam.decide(withGrant)).basis())
        .isEqualTo(AuthorizationResult.Basis.NO_SESSION_POLICY_ALLOW);
    Principal.Session open =
        session(
            new SessionPrincipal.FederatedUser(alice.arn(), alice.userId(), "fed"),
            new SessionPolicies(policy("Allow", READ, "*"), List.of()));
    assertThat(
            iam.decide(
                    request(open, READ, new Target.Any())
                        .withAccountGrants(List.of(PasswordPolicyGrant.grant())))
                .allowed())
        .isTrue();
    assertThat(iam.decide(request(open, READ, new Target.Any())).allowed()).isFalse();
  }
}
