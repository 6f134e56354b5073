package dev.gatehouse.core.sts;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.IamTestKit;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.Users;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One account with a user {@code alice} (path {@code /eng/}) and a role {@code deploy} (path {@code
 * /ops/}, MaxSessionDuration two hours, trusting the account), and a session issuer over its
 * snapshots at the kit's fixed time.
 */
final class StsFixture {
  static final SecureRandom RANDOM = new SecureRandom();

  final IamTestKit kit = new IamTestKit();
  final SessionTokenSealer sealer = new SessionTokenSealer(SessionKeyRing.generate(RANDOM), RANDOM);
  final SessionIssuer issuer =
      new SessionIssuer(kit.snapshots, sealer, RANDOM, Clock.fixed(NOW, ZoneOffset.UTC));
  final User aliceUser =
      kit.iam
          .users()
          .createUser(ACCOUNT, new Users.CreateUserRequest("alice", "/eng/", "", List.of()));
  final Principal.User alice = new Principal.User(ACCOUNT, "alice", "/eng/", aliceUser.id());
  final Principal.Root root = new Principal.Root(ACCOUNT);
  final Role deploy =
      kit.iam
          .roles()
          .createRole(
              ACCOUNT,
              new Roles.CreateRoleRequest(
                  "deploy", "/ops/", IamTestKit.TRUST, "", 7200, "", List.of()));

  static AssumeRoleRequest assume(String roleArn, String sessionName) {
    return new AssumeRoleRequest(
        roleArn,
        sessionName,
        Optional.empty(),
        "",
        new MfaCode("", ""),
        SessionPolicies.none(),
        List.of(),
        List.of(),
        "");
  }

  static AssumeRoleRequest assume(String roleArn, int seconds) {
    return new AssumeRoleRequest(
        roleArn,
        "s",
        Optional.of(seconds),
        "",
        new MfaCode("", ""),
        SessionPolicies.none(),
        List.of(),
        List.of(),
        "");
  }

  /** A role session of {@code deploy} started by alice. */
  Principal.Session deploySession() {
    return new Principal.Session(
        issuer
            .assumeRole(alice, deploy, assume(deploy.arn(), "first"), MfaFacts.absent())
            .claims());
  }
}
