package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static dev.gatehouse.core.iam.IamTestKit.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Users, groups and roles: what succeeds, and what it returns. */
class IdentitiesTest {
  private final IamTestKit kit = new IamTestKit();
  private final IamServices iam = kit.iam;

  @Test
  void createGetListUpdateAndDeleteUsers() {
    User alice =
        iam.users()
            .createUser(
                ACCOUNT,
                new Users.CreateUserRequest(
                    "alice", "/eng/", IamTestKit.READ_ONLY_ACCESS, List.of(new Tag("team", "a"))));
    assertThat(alice.id()).matches("AIDA[A-Z2-7]{17}");
    assertThat(alice.arn()).isEqualTo("arn:aws:iam::123456789012:user/eng/alice");
    assertThat(alice.createDate()).isEqualTo(NOW);
    assertThat(alice.permissionsBoundary()).contains(IamTestKit.READ_ONLY_ACCESS);
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("bob"));
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("Carol"));

    TaggedUser got = iam.users().getUser(ACCOUNT, "ALICE");
    assertThat(got.user()).isEqualTo(alice);
    assertThat(got.tags()).containsExactly(new Tag("team", "a"));

    assertThat(iam.users().listUsers(ACCOUNT, "", PageRequest.first()).items())
        .extracting(User::name)
        .containsExactly("alice", "bob", "Carol");
    assertThat(iam.users().listUsers(ACCOUNT, "/eng/", PageRequest.first()).items())
        .containsExactly(alice);

    Page<User> first = iam.users().listUsers(ACCOUNT, "", new PageRequest("", 2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.items()).extracting(User::name).containsExactly("alice", "bob");
    Page<User> second =
        iam.users().listUsers(ACCOUNT, "", new PageRequest(first.marker().orElseThrow(), 2));
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.marker()).isEmpty();
    assertThat(second.items()).extracting(User::name).containsExactly("Carol");

    User renamed = iam.users().updateUser(ACCOUNT, "bob", "robert", "/ops/");
    assertThat(renamed.arn()).isEqualTo("arn:aws:iam::123456789012:user/ops/robert");
    assertThat(iam.users().updateUser(ACCOUNT, "robert", "", "").path()).isEqualTo("/ops/");

    iam.users().tagUser(ACCOUNT, "alice", List.of(new Tag("TEAM", "b"), new Tag("env", "x")));
    iam.users().untagUser(ACCOUNT, "alice", List.of("env"));
    assertThat(iam.users().listUserTags(ACCOUNT, "alice", PageRequest.first()).items())
        .containsExactly(new Tag("TEAM", "b"));

    iam.users().deleteUserPermissionsBoundary(ACCOUNT, "alice");
    assertThat(iam.users().getUser(ACCOUNT, "alice").user().permissionsBoundary()).isEmpty();
    iam.users().putUserPermissionsBoundary(ACCOUNT, "alice", IamTestKit.READ_ONLY_ACCESS);
    assertThat(iam.users().getUser(ACCOUNT, "alice").user().permissionsBoundary())
        .contains(IamTestKit.READ_ONLY_ACCESS);

    iam.users().deleteUser(ACCOUNT, "robert");
    assertThat(iam.users().listUsers(ACCOUNT, "", PageRequest.first()).items()).hasSize(2);
  }

  @Test
  void groupsAndMembership() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("u"));
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("v"));
    Group admins = iam.groups().createGroup(ACCOUNT, "Admins", "");
    assertThat(admins.id()).startsWith("AGPA");
    assertThat(admins.arn()).isEqualTo("arn:aws:iam::123456789012:group/Admins");
    iam.groups().createGroup(ACCOUNT, "devs", "/eng/");
    iam.groups().addUserToGroup(ACCOUNT, "admins", "u");
    iam.groups().addUserToGroup(ACCOUNT, "Admins", "v");
    iam.groups().addUserToGroup(ACCOUNT, "devs", "u");

    GroupWithUsers got = iam.groups().getGroup(ACCOUNT, "ADMINS", PageRequest.first());
    assertThat(got.group()).isEqualTo(admins);
    assertThat(got.users().items()).extracting(User::name).containsExactly("u", "v");
    assertThat(iam.groups().listGroupsForUser(ACCOUNT, "u", PageRequest.first()).items())
        .extracting(Group::name)
        .containsExactly("Admins", "devs");
    assertThat(iam.groups().listGroups(ACCOUNT, "/eng", PageRequest.first()).items())
        .extracting(Group::name)
        .containsExactly("devs");

    iam.groups().removeUserFromGroup(ACCOUNT, "devs", "u");
    iam.groups().deleteGroup(ACCOUNT, "devs");
    Group ops = iam.groups().updateGroup(ACCOUNT, "Admins", "Ops", "/x/");
    assertThat(ops.arn()).isEqualTo("arn:aws:iam::123456789012:group/x/Ops");
    assertThat(iam.groups().listGroups(ACCOUNT, "", PageRequest.first()).items())
        .containsExactly(ops);
  }

  @Test
  void rolesAreCreatedUpdatedTaggedAndDeleted() {
    Role r =
        iam.roles()
            .createRole(
                ACCOUNT,
                new Roles.CreateRoleRequest(
                    "deployer", "/ci/", TRUST, "deploys", 7200, "", List.of(new Tag("k", "v"))));
    assertThat(r.id()).startsWith("AROA");
    assertThat(r.arn()).isEqualTo("arn:aws:iam::123456789012:role/ci/deployer");
    assertThat(r.maxSessionDuration()).isEqualTo(7200);
    Role plain = iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("plain", TRUST));
    assertThat(plain.maxSessionDuration()).isEqualTo(3600);
    assertThat(plain.path()).isEqualTo("/");

    TaggedRole got = iam.roles().getRole(ACCOUNT, "DEPLOYER");
    assertThat(got.role()).isEqualTo(r);
    assertThat(got.tags()).containsExactly(new Tag("k", "v"));
    assertThat(iam.roles().listRoles(ACCOUNT, "/ci/", PageRequest.first()).items())
        .containsExactly(r);

    assertThat(iam.roles().updateRoleDescription(ACCOUNT, "deployer", "new").description())
        .isEqualTo("new");
    Role longer = iam.roles().updateRole(ACCOUNT, "deployer", false, "", 43200);
    assertThat(longer.maxSessionDuration()).isEqualTo(43200);
    assertThat(longer.description()).isEqualTo("new");
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("bob"));
    String trust2 = TRUST.replace("root", "user/bob");
    iam.roles().updateAssumeRolePolicy(ACCOUNT, "deployer", trust2);
    assertThat(iam.roles().getRole(ACCOUNT, "deployer").role().assumeRolePolicyDocument())
        .isEqualTo(trust2);

    iam.roles().tagRole(ACCOUNT, "deployer", List.of(new Tag("a", "1")));
    iam.roles().untagRole(ACCOUNT, "deployer", List.of("K"));
    assertThat(iam.roles().listRoleTags(ACCOUNT, "deployer", PageRequest.first()).items())
        .containsExactly(new Tag("a", "1"));
    iam.roles().putRolePermissionsBoundary(ACCOUNT, "deployer", IamTestKit.READ_ONLY_ACCESS);
    assertThat(iam.roles().getRole(ACCOUNT, "deployer").role().permissionsBoundary())
        .contains(IamTestKit.READ_ONLY_ACCESS);
    iam.roles().deleteRolePermissionsBoundary(ACCOUNT, "deployer");
    assertThat(iam.roles().getRole(ACCOUNT, "deployer").role().permissionsBoundary()).isEmpty();
    assertThat(iam.instanceProfiles().listForRole(ACCOUNT, "deployer", PageRequest.first()).items())
        .isEmpty();
    assertThat(iam.roles().getRoleLastUsed(ACCOUNT, "deployer")).isEmpty();
    iam.roles().recordRoleUse(ACCOUNT, "Deployer", "us-east-1");
    assertThat(iam.roles().getRoleLastUsed(ACCOUNT, "deployer"))
        .contains(new dev.gatehouse.core.domain.RoleLastUsed(NOW, "us-east-1"));

    iam.roles().deleteRole(ACCOUNT, "deployer");
    assertThat(iam.roles().listRoles(ACCOUNT, "", PageRequest.first()).items())
        .containsExactly(plain);
  }
}
