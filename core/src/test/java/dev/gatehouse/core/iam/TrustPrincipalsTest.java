package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.fails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.authz.TrustAuthorizer;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust policy principals: resolved to unique ids when written, refused when they name nothing,
 * shown by current ARN, matched by id (spec: IAM User Guide, "AWS JSON policy elements: Principal",
 * IAM user and IAM role principals).
 */
class TrustPrincipalsTest {
  static final String OTHER = "210987654321";
  static final String UNIQUE_ID = "A[A-Z]{3}[A-Z0-9]{16,17}";
  static final String STUART = "arn:aws:iam::" + ACCOUNT + ":user/Stuart";

  final IamTestKit kit = new IamTestKit();
  final IamServices iam = kit.iam;

  TrustPrincipalsTest() {
    kit.store.write(
        tx -> {
          tx.accounts().createAccount(new Account(OTHER, IamTestKit.NOW));
          return null;
        });
  }

  static String trust(String element, String aws) {
    String effect = element.equals("NotPrincipal") ? "Deny" : "Allow";
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\""
        + element
        + "\":{\"AWS\":"
        + aws
        + "},\"Action\":\"sts:AssumeRole\"}]}";
  }

  static String quoted(String... values) {
    return values.length == 1
        ? "\"" + values[0] + "\""
        : "[\"" + String.join("\",\"", values) + "\"]";
  }

  User user(String account, String name, String path) {
    return iam.users().createUser(account, new Users.CreateUserRequest(name, path, "", List.of()));
  }

  Role role(String name, String trust) {
    return iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of(name, trust));
  }

  /** The trust policy as stored. */
  String stored(String roleName) {
    return kit.store
        .read(tx -> tx.roles().role(ACCOUNT, roleName))
        .orElseThrow()
        .assumeRolePolicyDocument();
  }

  String shown(String roleName) {
    return iam.roles().getRole(ACCOUNT, roleName).role().assumeRolePolicyDocument();
  }

  @Test
  void usersRolesAndSessionsAreStoredByIdAndShownByArn() {
    User stuart = user(ACCOUNT, "Stuart", "/");
    User alice = user(ACCOUNT, "alice", "/eng/");
    User carol = user(OTHER, "carol", "/");
    Role dev = role("Dev", IamTestKit.TRUST);
    String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/Dev/ci-run";
    String written =
        "{\"Version\":\"2012-10-17\",\"Statement\":[\n"
            + "  {\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + quoted(
                STUART,
                alice.arn(),
                carol.arn(),
                dev.arn(),
                session,
                "arn:aws:iam::" + ACCOUNT + ":root",
                OTHER,
                "arn:aws:sts::" + ACCOUNT + ":federated-user/fed")
            + ",\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\","
            + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalArn\":\""
            + STUART
            + "\"}}},\n"
            + "  {\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\""
            + STUART
            + "\"},\"Action\":\"sts:TagSession\"}]}";

    Role created = role("Trusting", written);

    assertThat(created.assumeRolePolicyDocument()).isEqualTo(written);
    assertThat(shown("Trusting")).isEqualTo(written);
    String expected =
        written
            .replace("\"" + STUART + "\"},\"Action", "\"" + stuart.id() + "\"},\"Action")
            .replace("[\"" + STUART + "\"", "[\"" + stuart.id() + "\"")
            .replace(alice.arn(), alice.id())
            .replace(carol.arn(), carol.id())
            .replace("\"" + dev.arn() + "\"", "\"" + dev.id() + "\"")
            .replace(session, dev.id() + ":ci-run");
    assertThat(stored("Trusting")).isEqualTo(expected);
    // The condition's ARN is a condition value, not a principal: AWS keeps it as written.
    assertThat(stored("Trusting")).contains("\"aws:PrincipalArn\":\"" + STUART + "\"");
    assertThat(iam.roles().listRoles(ACCOUNT, "", PageRequest.first()).items())
        .filteredOn(r -> r.name().equals("Trusting"))
        .singleElement()
        .extracting(Role::assumeRolePolicyDocument)
        .isEqualTo(written);
  }

  @Test
  void aDeletedUserShowsAsItsIdAndItsSuccessorIsNotTrustedUntilThePolicyIsWrittenAgain() {
    String oldId = user(ACCOUNT, "Stuart", "/").id();
    role("OnlyStuart", trust("Principal", quoted(STUART)));
    iam.instanceProfiles()
        .create(ACCOUNT, new InstanceProfiles.CreateInstanceProfileRequest("p", "/", List.of()));
    iam.instanceProfiles().addRole(ACCOUNT, "p", "OnlyStuart");
    iam.users().deleteUser(ACCOUNT, "Stuart");
    User successor = user(ACCOUNT, "Stuart", "/");

    String deleted = trust("Principal", quoted(oldId));
    assertThat(oldId).matches(UNIQUE_ID);
    assertThat(shown("OnlyStuart")).isEqualTo(deleted);
    assertThat(iam.roles().listRoles(ACCOUNT, "", PageRequest.first()).items())
        .extracting(Role::assumeRolePolicyDocument)
        .containsExactly(deleted);
    AuthorizationDetails details =
        iam.accounts()
            .getAccountAuthorizationDetails(ACCOUNT, Set.of(AuthorizationDetails.Filter.ROLE));
    assertThat(details.roles().get(0).role().assumeRolePolicyDocument()).isEqualTo(deleted);
    assertThat(details.roles().get(0).instanceProfiles().get(0).roles().get(0))
        .extracting(Role::assumeRolePolicyDocument)
        .isEqualTo(deleted);
    assertThat(iam.instanceProfiles().get(ACCOUNT, "p").roles().get(0).assumeRolePolicyDocument())
        .isEqualTo(deleted);

    TrustAuthorizer trust = new TrustAuthorizer(new SnapshotViews(kit.snapshots));
    assertThatThrownBy(() -> assume(trust, successor, "OnlyStuart"))
        .isInstanceOf(GatehouseException.class)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.ACCESS_DENIED);

    iam.roles().updateAssumeRolePolicy(ACCOUNT, "OnlyStuart", trust("Principal", quoted(STUART)));
    assertThat(stored("OnlyStuart")).isEqualTo(trust("Principal", quoted(successor.id())));
    assertThat(shown("OnlyStuart")).isEqualTo(trust("Principal", quoted(STUART)));
    assume(trust, successor, "OnlyStuart");
  }

  @Test
  void aRenamedUserIsShownUnderItsNewNameAndStaysTrusted() {
    User stuart = user(ACCOUNT, "Stuart", "/");
    role("OnlyStuart", trust("Principal", quoted(STUART)));
    User renamed = iam.users().updateUser(ACCOUNT, "Stuart", "Stuart2", "/ops/");
    assertThat(shown("OnlyStuart"))
        .isEqualTo(trust("Principal", quoted("arn:aws:iam::" + ACCOUNT + ":user/ops/Stuart2")));
    assume(new TrustAuthorizer(new SnapshotViews(kit.snapshots)), renamed, "OnlyStuart");
    assertThat(renamed.id()).isEqualTo(stuart.id());
  }

  @Test
  void aRoleSessionPrincipalNamesTheRoleByIdSoARecreatedRoleDoesNotMatch() {
    String oldId = role("Dev", IamTestKit.TRUST).id();
    String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/Dev/ci";
    role("Target", trust("Principal", quoted(session)));
    assertThat(stored("Target")).isEqualTo(trust("Principal", quoted(oldId + ":ci")));
    assertThat(shown("Target")).isEqualTo(trust("Principal", quoted(session)));
    iam.roles().deleteRole(ACCOUNT, "Dev");
    String newId = role("Dev", IamTestKit.TRUST).id();
    assertThat(shown("Target")).isEqualTo(trust("Principal", quoted(oldId + ":ci")));
    assertThat(stored("Target")).doesNotContain(newId);
  }

  @Test
  void principalsThatDoNotExistAreRefusedWithAwsMessage() {
    user(ACCOUNT, "Stuart", "/division/");
    role("Dev", IamTestKit.TRUST);
    List<String> invalid =
        List.of(
            "arn:aws:iam::" + ACCOUNT + ":user/nobody",
            "arn:aws:iam:::user/nobody",
            "arn:aws:iam::999999999999:user/nobody",
            "arn:aws:iam::" + OTHER + ":user/Stuart",
            "arn:aws:iam::" + ACCOUNT + ":user/Stuart",
            "arn:aws:iam::" + ACCOUNT + ":user/division/stuart",
            "arn:aws-cn:iam::" + ACCOUNT + ":user/division/Stuart",
            "arn:aws:iam:us-east-1:" + ACCOUNT + ":user/division/Stuart",
            "arn:aws:iam::" + ACCOUNT + ":role/nobody",
            "arn:aws:iam::" + ACCOUNT + ":role/dev",
            "arn:aws:iam::" + ACCOUNT + ":role/path/Dev",
            "arn:aws:iam::" + ACCOUNT + ":group/Dev",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/nobody/s1",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/Dev",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/Dev/s/extra",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/Dev/a",
            "arn:aws:sts::999999999999:assumed-role/Dev/s1");
    for (String principal : invalid) {
      String message = "Invalid principal in policy: \"AWS\":\"" + principal + "\"";
      fails(
          ErrorCode.MALFORMED_POLICY_DOCUMENT,
          message,
          () -> role("R", trust("Principal", quoted(principal))));
      // In an array after a valid principal, and through UpdateAssumeRolePolicy alike.
      fails(
          ErrorCode.MALFORMED_POLICY_DOCUMENT,
          message,
          () ->
              iam.roles()
                  .updateAssumeRolePolicy(
                      ACCOUNT,
                      "Dev",
                      trust(
                          "Principal",
                          quoted("arn:aws:iam::" + ACCOUNT + ":user/division/Stuart", principal))));
    }
    Optional<Role> none = kit.store.read(tx -> tx.roles().role(ACCOUNT, "R"));
    assertThat(none).isEmpty();
    assertThat(stored("Dev")).isEqualTo(IamTestKit.TRUST);
    // A role cannot trust itself before it exists (AWS: create it, then update its trust).
    fails(
        ErrorCode.MALFORMED_POLICY_DOCUMENT,
        "Invalid principal in policy: \"AWS\":\"arn:aws:iam::" + ACCOUNT + ":role/Self\"",
        () -> role("Self", trust("Principal", quoted("arn:aws:iam::" + ACCOUNT + ":role/Self"))));
    // The API never takes a unique id (only IAM writes them).
    String id = kit.store.read(tx -> tx.roles().role(ACCOUNT, "Dev")).orElseThrow().id();
    fails(
        ErrorCode.MALFORMED_POLICY_DOCUMENT,
        "Invalid principal in policy: \"AWS\":\"" + id + "\"",
        () -> role("R", trust("Principal", quoted(id))));
  }

  /**
   * A role trust policy cannot hold NotPrincipal (POLICY-SEMANTICS D4: resource-based policies
   * only), but resolution reads a NotPrincipal as it reads a Principal.
   */
  @Test
  void notPrincipalIsResolvedAndRefusedAlike() {
    User stuart = user(ACCOUNT, "Stuart", "/");
    String notPrincipal = trust("NotPrincipal", quoted(STUART, ACCOUNT));
    fails(
        ErrorCode.MALFORMED_POLICY_DOCUMENT,
        "Syntax errors in policy.",
        () -> role("R", notPrincipal));
    String resolved = kit.store.read(tx -> TrustPrincipals.resolve(tx, notPrincipal));
    assertThat(resolved).isEqualTo(trust("NotPrincipal", quoted(stuart.id(), ACCOUNT)));
    String nobody = "arn:aws:iam::" + ACCOUNT + ":user/nobody";
    assertThatThrownBy(
            () ->
                kit.store.read(
                    tx -> TrustPrincipals.resolve(tx, trust("NotPrincipal", quoted(nobody)))))
        .hasMessage("Invalid principal in policy: \"AWS\":\"" + nobody + "\"");
  }

  @Test
  void accountsStarServicesAndFederatedUsersAreKeptAsWritten() {
    String written =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + quoted(
                "999999999999",
                "arn:aws:iam::999999999999:root",
                "*",
                "arn:aws:sts::999999999999:federated-user/f")
            + ",\"Service\":\"ec2.amazonaws.com\",\"Federated\":\"accounts.google.com\"},"
            + "\"Action\":\"sts:AssumeRole\"},"
            + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:TagSession\"}]}";
    role("Open", written);
    assertThat(stored("Open")).isEqualTo(written);
  }

  @Test
  void onlyThePrincipalStringsChangeInTheStoredText() {
    User stuart = user(ACCOUNT, "Stuart", "/");
    // One statement as an object, odd spacing, an escaped slash in the principal's text.
    String written =
        "{ \"Version\" : \"2012-10-17\",\n\t\"Statement\" : { \"Sid\":\"user\\/Stuart\","
            + " \"Effect\" : \"Allow\", \"Principal\" : { \"AWS\" : [ \"arn:aws:iam::"
            + ACCOUNT
            + ":user\\/Stuart\" ] }, \"Action\" : \"sts:AssumeRole\" } }";
    role("Spaced", written);
    assertThat(stored("Spaced"))
        .isEqualTo(written.replace("arn:aws:iam::" + ACCOUNT + ":user\\/Stuart", stuart.id()));
    assertThat(shown("Spaced")).isEqualTo(written.replace("user\\/Stuart\" ]", "user/Stuart\" ]"));
  }

  @Test
  void storeReadsFindPrincipalsByIdAsTheSnapshotsDo() {
    User carol = user(OTHER, "carol", "/");
    Role dev = role("Dev", IamTestKit.TRUST);
    EntityReads store = EntityReads.of(kit.store);
    for (EntityReads reads : List.of(store, kit.snapshots)) {
      assertThat(reads.principalArn(carol.id())).contains(carol.arn());
      assertThat(reads.principalArn(dev.id())).contains(dev.arn());
      assertThat(reads.principalArn("AIDAQQQQQQQQQQQQQQQQ")).isEmpty();
    }
  }

  @Test
  void principalsOfAnotherAccountAreResolvedAndShownInTheirAccount() {
    User carol = user(OTHER, "carol", "/");
    role("Cross", trust("Principal", quoted(carol.arn())));
    assertThat(stored("Cross")).isEqualTo(trust("Principal", quoted(carol.id())));
    assertThat(shown("Cross")).isEqualTo(trust("Principal", quoted(carol.arn())));
    iam.users().deleteUser(OTHER, "carol");
    assertThat(shown("Cross")).isEqualTo(trust("Principal", quoted(carol.id())));
  }

  /** A role whose trust policy is stored as an earlier version wrote it: principals by ARN. */
  void legacyRole(String name, String trust) {
    kit.store.write(
        tx -> {
          tx.roles()
              .createRole(
                  new Role(
                      ACCOUNT,
                      name,
                      kit.iam.context().ids().roleId(),
                      "/",
                      IamTestKit.NOW,
                      "",
                      3600,
                      trust,
                      ""));
          return null;
        });
    kit.snapshots.committed(ACCOUNT);
  }

  @Test
  void startUpResolvesStoredPoliciesOnceAndHoldsMissingPrincipalsAsIdsOfNoOne(@TempDir Path dir) {
    User stuart = user(ACCOUNT, "Stuart", "/");
    String gone = "arn:aws:iam::" + ACCOUNT + ":user/Gone";
    String goneRole = "arn:aws:iam::" + ACCOUNT + ":role/GoneRole";
    String goneSession = "arn:aws:sts::" + ACCOUNT + ":assumed-role/GoneRole/s1";
    String group = "arn:aws:iam::" + ACCOUNT + ":group/Admins";
    String root = "arn:aws:iam::" + ACCOUNT + ":root";
    legacyRole(
        "Legacy", trust("Principal", quoted(STUART, gone, goneRole, goneSession, group, root)));

    assertThat(resolvedMilestone()).isFalse();
    Bootstrap.Result first = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(resolvedMilestone()).isTrue();

    List<StoredTrustPolicies.Unresolved> unresolved = first.unresolvedTrustPrincipals();
    assertThat(unresolved)
        .extracting(StoredTrustPolicies.Unresolved::principal)
        .containsExactly(gone, goneRole, goneSession, group);
    assertThat(unresolved)
        .allMatch(u -> u.accountId().equals(ACCOUNT) && u.roleName().equals("Legacy"));
    String goneId = unresolved.get(0).heldAs();
    String goneRoleId = unresolved.get(1).heldAs();
    String goneSessionId = unresolved.get(2).heldAs();
    assertThat(goneId).matches("AIDA[A-Z0-9]{16,17}");
    assertThat(goneRoleId).matches("AROA[A-Z0-9]{16,17}");
    assertThat(goneSessionId).matches("AROA[A-Z0-9]{16,17}:s1");
    // A group never names anyone: it is reported and left as written.
    assertThat(unresolved.get(3).heldAs()).isEqualTo(group);
    String resolved =
        trust("Principal", quoted(stuart.id(), goneId, goneRoleId, goneSessionId, group, root));
    assertThat(stored("Legacy")).isEqualTo(resolved);
    // Shown as IAM shows deleted principals: by the id that names no one.
    assertThat(shown("Legacy"))
        .isEqualTo(
            trust("Principal", quoted(STUART, goneId, goneRoleId, goneSessionId, group, root)));

    // A user created under the missing name later is not trusted, and a later start changes
    // nothing: the placeholder is not resolved to the newcomer.
    User late = user(ACCOUNT, "Gone", "/");
    Bootstrap.Result again = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(again.unresolvedTrustPrincipals()).isEmpty();
    assertThat(stored("Legacy")).isEqualTo(resolved);
    TrustAuthorizer trust = new TrustAuthorizer(new SnapshotViews(kit.snapshots));
    assertThatThrownBy(() -> assume(trust, late, "Legacy")).isInstanceOf(GatehouseException.class);
    assume(trust, stuart, "Legacy");
  }

  private boolean resolvedMilestone() {
    return kit.store.read(tx -> tx.milestones().reached(StoredTrustPolicies.RESOLVED));
  }

  @Test
  void aStartAfterEveryStoredPolicyIsResolvedReadsNoRolesPolicy(@TempDir Path dir) {
    new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(resolvedMilestone()).isTrue();
    // Stored by ARN after the milestone (no release that records it writes so): a later start
    // reads no role's trust policy, so it stays as stored.
    user(ACCOUNT, "Stuart", "/");
    String byArn = trust("Principal", quoted(STUART));
    legacyRole("Late", byArn);
    Bootstrap.Result again = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(again.unresolvedTrustPrincipals()).isEmpty();
    assertThat(stored("Late")).isEqualTo(byArn);
  }

  @Test
  void aUserStillNamedByArnInAStoredTrustPolicyNamesNoOne() {
    // Written by an earlier version after this node started (a node sharing the store).
    User stuart = user(ACCOUNT, "Stuart", "/");
    legacyRole("Legacy", trust("Principal", quoted(STUART)));
    TrustAuthorizer trust = new TrustAuthorizer(new SnapshotViews(kit.snapshots));
    assertThatThrownBy(() -> assume(trust, stuart, "Legacy"))
        .isInstanceOf(GatehouseException.class);
  }

  /** AssumeRole of {@code roleName} by {@code user}, decided on the role's stored trust policy. */
  void assume(TrustAuthorizer trust, User user, String roleName) {
    Role role = kit.snapshots.current(ACCOUNT).role(roleName).orElseThrow();
    trust.authorize(
        new AuthorizationRequest(
            new Principal.User(user.accountId(), user.name(), user.path(), user.id()),
            "sts:AssumeRole",
            new Target.Arn(role.arn()),
            Map.of(),
            "10.0.0.1",
            true,
            IamTestKit.NOW),
        role.arn(),
        ACCOUNT,
        role.assumeRolePolicyDocument());
  }
}
