package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract: accounts, users, groups, roles, tags, inline policies; uniqueness and deletion. */
public abstract class StoreContractEntities extends StoreContractOidcProviders {

  @Test
  void accountsAreCreatedOnceAndAliasesAreUniqueAcrossAccounts() {
    assertThat(reads().account(account)).map(Account::createDate).contains(T0);
    assertThat(reads().accounts()).extracting(Account::id).contains(account);
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Account " + account + " already exists.",
        () -> write(tx -> tx.createAccount(new Account(account, T0))));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account 999999999999 cannot be found.",
        () -> write(tx -> tx.setAccountAlias("999999999999", "x")));

    String alias = "alias-" + account;
    write(tx -> tx.setAccountAlias(account, alias));
    assertThat(reads().accountAlias(account)).contains(alias);
    String other = newAccount();
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "The account alias " + alias + " already exists.",
        () -> write(tx -> tx.setAccountAlias(other, alias)));
    write(tx -> tx.setAccountAlias(account, alias));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account alias nope cannot be found.",
        () -> write(tx -> tx.deleteAccountAlias(account, "nope")));
    write(tx -> tx.deleteAccountAlias(account, alias));
    assertThat(reads().accountAlias(account)).isEmpty();
    write(tx -> tx.setAccountAlias(other, alias));
    assertThat(reads().accountAlias(other)).contains(alias);
  }

  @Test
  void userNamesAreUniquePerAccountCaseInsensitively() {
    User bob = createUser("Bob");
    assertThat(reads().user(account, "bOB")).contains(bob);
    assertThat(reads().userById(bob.id())).contains(bob);
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name BOB already exists.",
        () -> createUser("BOB"));
    // Another account may use the name.
    String before = account;
    account = newAccount();
    User otherBob = createUser("bob");
    assertThat(reads().users(account)).containsExactly(otherBob);
    assertThat(reads().users(before)).containsExactly(bob);
  }

  @Test
  void usersListInCaseInsensitiveNameOrderAndRename() {
    User c = createUser("carol");
    User a = createUser("Alice");
    User b = createUser("bob");
    assertThat(reads().users(account)).containsExactly(a, b, c);

    User renamed = b.withNameAndPath("Robert", "/eng/");
    write(tx -> tx.updateUser(renamed));
    assertThat(reads().user(account, "robert")).contains(renamed);
    assertThat(reads().user(account, "bob")).isEmpty();
    // Renaming to a different case of the same name is allowed.
    write(tx -> tx.updateUser(renamed.withNameAndPath("ROBERT", "/")));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name ALICE already exists.",
        () -> write(tx -> tx.updateUser(renamed.withNameAndPath("ALICE", "/"))));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with name ghost cannot be found.",
        () -> write(tx -> tx.updateUser(user("ghost"))));
    write(tx -> tx.updateUser(a.withPermissionsBoundary(policyArn("b"))));
    assertThat(reads().user(account, "alice").orElseThrow().permissionsBoundary())
        .contains(policyArn("b"));
  }

  @Test
  void deletingAUserFollowsAwsOrder() {
    User u = createUser("u");
    Group g = createGroup("g");
    write(tx -> tx.createAccessKey(key(u), "sealed", 2));
    write(tx -> tx.putInlinePolicy(new InlinePolicy(u.id(), "p", DOC)));
    write(tx -> tx.attachPolicy(account, EntityRef.of(u), policyArn("m"), 10));
    write(tx -> tx.addUserToGroup(u, g, 10));
    write(tx -> tx.putTags(u.id(), List.of(new Tag("k", "v")), 50));

    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete access keys first.",
        () -> write(tx -> tx.deleteUser(account, "u")));
    String keyId = reads().accessKeys(account, key(u).owner()).get(0).accessKeyId();
    write(tx -> tx.deleteAccessKey(keyId));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete policies first.",
        () -> write(tx -> tx.deleteUser(account, "u")));
    write(tx -> assertThat(tx.deleteInlinePolicy(u.id(), "P")).isTrue());
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must detach all policies first.",
        () -> write(tx -> tx.deleteUser(account, "u")));
    write(tx -> assertThat(tx.detachPolicy(u.id(), policyArn("m"))).isTrue());
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove users from group first.",
        () -> write(tx -> tx.deleteUser(account, "u")));
    write(tx -> assertThat(tx.removeUserFromGroup(u.id(), g.id())).isTrue());
    write(tx -> tx.deleteUser(account, "U"));
    assertThat(reads().user(account, "u")).isEmpty();
    assertThat(reads().tags(u.id())).isEmpty();
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with name u cannot be found.",
        () -> write(tx -> tx.deleteUser(account, "u")));
  }

  @Test
  void groupsHoldMembersAndDeleteOnlyWhenEmpty() {
    User u = createUser("u");
    User v = createUser("v");
    Group g = createGroup("Admins");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Group with name ADMINS already exists.",
        () -> createGroup("ADMINS"));
    write(tx -> tx.addUserToGroup(u, g, 10));
    write(tx -> tx.addUserToGroup(u, g, 10)); // idempotent
    write(tx -> tx.addUserToGroup(v, g, 10));
    assertThat(reads().groupMembers(g.id())).containsExactly(u, v);
    assertThat(reads().groupsForUser(u.id())).containsExactly(g);
    assertThat(reads().groups(account)).containsExactly(g);

    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove users from group first.",
        () -> write(tx -> tx.deleteGroup(account, "admins")));
    write(tx -> tx.removeUserFromGroup(u.id(), g.id()));
    write(tx -> tx.removeUserFromGroup(v.id(), g.id()));
    assertThat(writes().removeUserFromGroup(v.id(), g.id())).isFalse();
    write(tx -> tx.putInlinePolicy(new InlinePolicy(g.id(), "p", DOC)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete policies first.",
        () -> write(tx -> tx.deleteGroup(account, "admins")));
    write(tx -> tx.deleteInlinePolicy(g.id(), "p"));
    write(tx -> tx.attachPolicy(account, EntityRef.of(g), policyArn("m"), 10));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must detach all policies first.",
        () -> write(tx -> tx.deleteGroup(account, "admins")));
    write(tx -> tx.detachPolicy(g.id(), policyArn("m")));

    Group renamed = g.withNameAndPath("Ops", "/x/");
    write(tx -> tx.updateGroup(renamed));
    createGroup("Dev");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Group with name dev already exists.",
        () -> write(tx -> tx.updateGroup(renamed.withNameAndPath("dev", "/"))));
    write(tx -> tx.deleteGroup(account, "OPS"));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The group with name Ops cannot be found.",
        () -> write(tx -> tx.deleteGroup(account, "Ops")));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The group with name Ops cannot be found.",
        () -> write(tx -> tx.updateGroup(renamed)));
  }

  @Test
  void aUserJoinsAtMostTheGroupLimit() {
    User u = createUser("u");
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      groups.add(createGroup("g" + i));
    }
    write(tx -> tx.addUserToGroup(u, groups.get(0), 2));
    write(tx -> tx.addUserToGroup(u, groups.get(1), 2));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for GroupsPerUser: 2",
        () -> write(tx -> tx.addUserToGroup(u, groups.get(2), 2)));
    assertThat(reads().groupsForUser(u.id())).hasSize(2);
  }

  @Test
  void rolesAreUpdatedAndDeletedOnlyWithoutPolicies() {
    Role r = createRole("Deployer");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Role with name deployer already exists.",
        () -> createRole("deployer"));
    Role updated =
        r.withDescription("deploys")
            .withMaxSessionDuration(7200)
            .withAssumeRolePolicyDocument("{}")
            .withPermissionsBoundary(policyArn("b"));
    write(tx -> tx.updateRole(updated));
    assertThat(reads().role(account, "DEPLOYER")).contains(updated);
    assertThat(reads().roles(account)).containsExactly(updated);
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The role with name other cannot be found.",
        () -> write(tx -> tx.updateRole(role("other"))));

    write(tx -> tx.putInlinePolicy(new InlinePolicy(r.id(), "p", DOC)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete policies first.",
        () -> write(tx -> tx.deleteRole(account, "Deployer")));
    write(tx -> tx.deleteInlinePolicy(r.id(), "p"));
    write(tx -> tx.attachPolicy(account, EntityRef.of(r), policyArn("m"), 10));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must detach all policies first.",
        () -> write(tx -> tx.deleteRole(account, "Deployer")));
    write(tx -> tx.detachPolicy(r.id(), policyArn("m")));
    write(tx -> tx.deleteRole(account, "deployer"));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The role with name deployer cannot be found.",
        () -> write(tx -> tx.deleteRole(account, "deployer")));
  }

  @Test
  void roleUseIsRecorded() {
    Role r = createRole("assumed");
    assertThat(reads().roleLastUsed(r.id())).isEmpty();
    RoleLastUsed used = new RoleLastUsed(T0.plusSeconds(60), "eu-west-1");
    writes().recordRoleUse(r.id(), used);
    assertThat(reads().roleLastUsed(r.id())).contains(used);
    Role never = createRole("never-assumed");
    assertThat(reads().rolesLastUsed(account)).isEqualTo(Map.of(r.id(), used));
    assertThat(reads().rolesLastUsed("999999999999")).isEmpty();
    assertThat(reads().roleLastUsed(never.id())).isEmpty();
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The role with id AROANOSUCHROLE000000 cannot be found.",
        () -> writes().recordRoleUse("AROANOSUCHROLE000000", used));
  }

  @Test
  void tagsReplaceByKeyCaseInsensitivelyAndRespectTheLimit() {
    Role r = createRole("r");
    write(tx -> tx.putTags(r.id(), List.of(new Tag("Team", "a"), new Tag("env", "prod")), 3));
    write(tx -> tx.putTags(r.id(), List.of(new Tag("TEAM", "b")), 3));
    assertThat(reads().tags(r.id())).containsExactly(new Tag("env", "prod"), new Tag("TEAM", "b"));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for TagsPerResource: 3",
        () -> write(tx -> tx.putTags(r.id(), List.of(new Tag("x", ""), new Tag("y", "")), 3)));
    assertThat(reads().tags(r.id())).hasSize(2);
    write(tx -> tx.removeTags(r.id(), List.of("ENV", "absent")));
    assertThat(reads().tags(r.id())).containsExactly(new Tag("TEAM", "b"));
  }

  @Test
  void inlinePoliciesReplaceByNameCaseInsensitively() {
    User u = createUser("u");
    write(tx -> tx.putInlinePolicy(new InlinePolicy(u.id(), "Read", DOC)));
    write(tx -> tx.putInlinePolicy(new InlinePolicy(u.id(), "alpha", DOC)));
    write(tx -> tx.putInlinePolicy(new InlinePolicy(u.id(), "READ", "{}")));
    assertThat(reads().inlinePolicies(u.id()))
        .containsExactly(
            new InlinePolicy(u.id(), "alpha", DOC), new InlinePolicy(u.id(), "READ", "{}"));
    assertThat(reads().inlinePolicy(u.id(), "read"))
        .contains(new InlinePolicy(u.id(), "READ", "{}"));
    assertThat(writes().deleteInlinePolicy(u.id(), "nope")).isFalse();
  }

  @Test
  void aFailedWriteLeavesNothingBehind() {
    User u = user("half");
    Group g = group("halfgroup");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name HALF already exists.",
        () ->
            write(
                tx -> {
                  tx.createUser(u);
                  tx.createGroup(g);
                  tx.putTags(u.id(), List.of(new Tag("a", "b")), 50);
                  tx.createUser(user("HALF")); // exists already, in this same transaction
                }));
    assertThat(reads().user(account, "half")).isEmpty();
    assertThat(reads().group(account, "halfgroup")).isEmpty();
    assertThat(reads().tags(u.id())).isEmpty();
    // An unexpected exception rolls back too.
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.createUser(u);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(reads().users(account)).isEmpty();
    // And the store keeps working.
    assertThat(createUser("half")).isNotNull();
  }

  @Test
  void writesDoNotNestAndTheOuterOneRollsBack() {
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.createUser(user("outer"));
                      write(inner -> inner.createUser(user("inner")));
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a write transaction cannot start inside another");
    assertThat(reads().users(account)).isEmpty();
    assertThat(createUser("after")).isNotNull();
  }

  @Test
  void entitiesNeedAnExistingAccount() {
    account = "999999999998";
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account 999999999998 cannot be found.",
        () -> createUser("u"));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account 999999999998 cannot be found.",
        () -> createGroup("g"));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account 999999999998 cannot be found.",
        () -> createRole("r"));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account 999999999998 cannot be found.",
        () -> createPolicy("p"));
  }
}
