package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract: accounts, users, groups, roles, tags, inline policies; unique keys and deletion. */
public abstract class StoreContractEntities extends StoreContractCertificates {

  @Test
  void accountsAndAliasesAreStoredAndAliasesAreUnique() {
    assertThat(reads().accounts().account(account)).map(Account::createDate).contains(T0);
    assertThat(reads().accounts().all()).extracting(Account::id).contains(account);
    assertThatThrownBy(() -> write(tx -> tx.accounts().createAccount(new Account(account, T0))))
        .isInstanceOf(StoreConflict.class);

    String alias = "alias-" + account;
    write(tx -> tx.accounts().setAccountAlias(account, alias));
    assertThat(reads().accounts().accountAlias(account)).contains(alias);
    assertThat(reads().accounts().accountWithAlias(alias)).contains(account);
    String other = newAccount();
    assertThatThrownBy(() -> write(tx -> tx.accounts().setAccountAlias(other, alias)))
        .isInstanceOf(StoreConflict.class);
    write(tx -> tx.accounts().setAccountAlias(account, alias));
    assertThat(writes().accounts().deleteAccountAlias(account, "nope")).isFalse();
    assertThat(writes().accounts().deleteAccountAlias(account, alias)).isTrue();
    assertThat(reads().accounts().accountAlias(account)).isEmpty();
    assertThat(reads().accounts().accountWithAlias(alias)).isEmpty();
    write(tx -> tx.accounts().setAccountAlias(other, alias));
    assertThat(reads().accounts().accountAlias(other)).contains(alias);
  }

  @Test
  void userNamesAreUniquePerAccountCaseInsensitivelyAndCounted() {
    User bob = createUser("Bob");
    assertThat(reads().users().user(account, "bOB")).contains(bob);
    assertThat(reads().users().userById(bob.id())).contains(bob);
    assertThatThrownBy(() -> createUser("BOB")).isInstanceOf(StoreConflict.class);
    assertThat(reads().users().userCount(account)).isEqualTo(1);
    // Another account may use the name.
    String before = account;
    account = newAccount();
    User otherBob = createUser("bob");
    createUser("carol");
    assertThat(reads().users().users(account)).contains(otherBob);
    assertThat(reads().users().userCount(account)).isEqualTo(2);
    assertThat(reads().users().users(before)).containsExactly(bob);
  }

  @Test
  void usersListInCaseInsensitiveNameOrderAndRename() {
    User c = createUser("carol");
    User a = createUser("Alice");
    User b = createUser("bob");
    assertThat(reads().users().users(account)).containsExactly(a, b, c);

    User renamed = b.withNameAndPath("Robert", "/eng/");
    write(tx -> tx.users().updateUser(renamed));
    assertThat(reads().users().user(account, "robert")).contains(renamed);
    assertThat(reads().users().user(account, "bob")).isEmpty();
    // Renaming to a different case of the same name is allowed.
    write(tx -> tx.users().updateUser(renamed.withNameAndPath("ROBERT", "/")));
    assertThatThrownBy(
            () -> write(tx -> tx.users().updateUser(renamed.withNameAndPath("ALICE", "/"))))
        .isInstanceOf(StoreConflict.class);
    write(tx -> tx.users().updateUser(a.withPermissionsBoundary(policyArn("b"))));
    assertThat(reads().users().user(account, "alice").orElseThrow().permissionsBoundary())
        .contains(policyArn("b"));
  }

  @Test
  void whatDeleteUserChecksIsReadableAndDeletingAUserTakesItsTags() {
    User u = createUser("u");
    Group g = createGroup("g");
    write(tx -> tx.keys().createAccessKey(key(u), "sealed"));
    write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(u.id(), "p", DOC)));
    write(tx -> tx.policies().attachPolicy(account, EntityRef.of(u), policyArn("m")));
    write(tx -> tx.groups().addUserToGroup(u.id(), g.id()));
    write(tx -> tx.tags().putTags(u.id(), List.of(new Tag("k", "v"))));
    assertThat(reads().keys().accessKeys(account, new AccessKeyOwner.IamUser(u.id()))).hasSize(1);
    assertThat(reads().inlinePolicies().inlinePolicies(u.id())).hasSize(1);
    assertThat(reads().policies().attachedPolicies(u.id())).hasSize(1);
    assertThat(reads().groups().groupsForUser(u.id())).containsExactly(g);
    assertThat(reads().mfa().userHasMfaDevice(u.id())).isFalse();

    String keyId = reads().keys().accessKeys(account, key(u).owner()).get(0).accessKeyId();
    write(tx -> tx.keys().deleteAccessKey(keyId));
    write(tx -> assertThat(tx.inlinePolicies().deleteInlinePolicy(u.id(), "P")).isTrue());
    write(tx -> assertThat(tx.policies().detachPolicy(u.id(), policyArn("m"))).isTrue());
    write(tx -> assertThat(tx.groups().removeUserFromGroup(u.id(), g.id())).isTrue());
    write(tx -> tx.users().deleteUser(u.id()));
    assertThat(reads().users().user(account, "u")).isEmpty();
    assertThat(reads().tags().tags(u.id())).isEmpty();
  }

  @Test
  void groupsHoldMembersRenameAndDelete() {
    User u = createUser("u");
    User v = createUser("v");
    Group g = createGroup("Admins");
    assertThatThrownBy(() -> createGroup("ADMINS")).isInstanceOf(StoreConflict.class);
    assertThat(writes().groups().addUserToGroup(u.id(), g.id())).isTrue();
    assertThat(writes().groups().addUserToGroup(u.id(), g.id())).isFalse();
    write(tx -> tx.groups().addUserToGroup(v.id(), g.id()));
    assertThat(reads().groups().groupMembers(g.id())).containsExactly(u, v);
    assertThat(reads().groups().groupsForUser(u.id())).containsExactly(g);
    assertThat(reads().groups().groups(account)).containsExactly(g);
    assertThat(reads().groups().groupCount(account)).isEqualTo(1);

    write(tx -> tx.groups().removeUserFromGroup(u.id(), g.id()));
    write(tx -> tx.groups().removeUserFromGroup(v.id(), g.id()));
    assertThat(writes().groups().removeUserFromGroup(v.id(), g.id())).isFalse();
    assertThat(reads().groups().groupMembers(g.id())).isEmpty();

    Group renamed = g.withNameAndPath("Ops", "/x/");
    write(tx -> tx.groups().updateGroup(renamed));
    assertThat(reads().groups().group(account, "ops")).contains(renamed);
    createGroup("Dev");
    assertThatThrownBy(
            () -> write(tx -> tx.groups().updateGroup(renamed.withNameAndPath("dev", "/"))))
        .isInstanceOf(StoreConflict.class);
    write(tx -> tx.groups().deleteGroup(g.id()));
    assertThat(reads().groups().group(account, "Ops")).isEmpty();
    assertThat(reads().groups().groupCount(account)).isEqualTo(1);
  }

  @Test
  void rolesAreUpdatedCountedAndDeletedWithTheirTagsAndLastUse() {
    Role r = createRole("Deployer");
    assertThatThrownBy(() -> createRole("deployer")).isInstanceOf(StoreConflict.class);
    Role updated =
        r.withDescription("deploys")
            .withMaxSessionDuration(7200)
            .withAssumeRolePolicyDocument("{}")
            .withPermissionsBoundary(policyArn("b"));
    write(tx -> tx.roles().updateRole(updated));
    assertThat(reads().roles().role(account, "DEPLOYER")).contains(updated);
    assertThat(reads().roles().roles(account)).containsExactly(updated);
    assertThat(reads().roles().roleCount(account)).isEqualTo(1);

    write(tx -> tx.tags().putTags(r.id(), List.of(new Tag("k", "v"))));
    write(tx -> tx.roles().recordRoleUse(r.id(), new RoleLastUsed(T0, "us-east-1")));
    write(tx -> tx.roles().deleteRole(r.id()));
    assertThat(reads().roles().role(account, "deployer")).isEmpty();
    assertThat(reads().tags().tags(r.id())).isEmpty();
    assertThat(reads().roles().roleLastUsed(r.id())).isEmpty();
    assertThat(reads().roles().roleCount(account)).isZero();
  }

  @Test
  void roleUseIsRecorded() {
    Role r = createRole("assumed");
    assertThat(reads().roles().roleLastUsed(r.id())).isEmpty();
    RoleLastUsed used = new RoleLastUsed(T0.plusSeconds(60), "eu-west-1");
    assertThat(writes().roles().recordRoleUse(r.id(), used)).isTrue();
    assertThat(reads().roles().roleLastUsed(r.id())).contains(used);
    Role never = createRole("never-assumed");
    assertThat(reads().roles().rolesLastUsed(account)).isEqualTo(Map.of(r.id(), used));
    assertThat(reads().roles().rolesLastUsed("999999999999")).isEmpty();
    assertThat(reads().roles().roleLastUsed(never.id())).isEmpty();
    assertThat(writes().roles().recordRoleUse("AROANOSUCHROLE000000", used)).isFalse();
  }

  @Test
  void tagsReplaceByKeyCaseInsensitively() {
    Role r = createRole("r");
    write(tx -> tx.tags().putTags(r.id(), List.of(new Tag("Team", "a"), new Tag("env", "prod"))));
    write(tx -> tx.tags().putTags(r.id(), List.of(new Tag("TEAM", "b"))));
    assertThat(reads().tags().tags(r.id()))
        .containsExactly(new Tag("env", "prod"), new Tag("TEAM", "b"));
    write(tx -> tx.tags().removeTags(r.id(), List.of("ENV", "absent")));
    assertThat(reads().tags().tags(r.id())).containsExactly(new Tag("TEAM", "b"));
  }

  @Test
  void inlinePoliciesReplaceByNameCaseInsensitively() {
    User u = createUser("u");
    write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(u.id(), "Read", DOC)));
    write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(u.id(), "alpha", DOC)));
    write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(u.id(), "READ", "{}")));
    assertThat(reads().inlinePolicies().inlinePolicies(u.id()))
        .containsExactly(
            new InlinePolicy(u.id(), "alpha", DOC), new InlinePolicy(u.id(), "READ", "{}"));
    assertThat(reads().inlinePolicies().inlinePolicy(u.id(), "read"))
        .contains(new InlinePolicy(u.id(), "READ", "{}"));
    assertThat(writes().inlinePolicies().deleteInlinePolicy(u.id(), "nope")).isFalse();
  }

  @Test
  void aFailedWriteLeavesNothingBehind() {
    User u = user("half");
    Group g = group("halfgroup");
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.users().createUser(u);
                      tx.groups().createGroup(g);
                      tx.tags().putTags(u.id(), List.of(new Tag("a", "b")));
                      tx.users()
                          .createUser(user("HALF")); // exists already, in this same transaction
                    }))
        .isInstanceOf(StoreConflict.class);
    assertThat(reads().users().user(account, "half")).isEmpty();
    assertThat(reads().groups().group(account, "halfgroup")).isEmpty();
    assertThat(reads().tags().tags(u.id())).isEmpty();
    // An unexpected exception rolls back too.
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.users().createUser(u);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(reads().users().users(account)).isEmpty();
    // And the store keeps working.
    assertThat(createUser("half")).isNotNull();
  }

  @Test
  void writesDoNotNestAndTheOuterOneRollsBack() {
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.users().createUser(user("outer"));
                      write(inner -> inner.users().createUser(user("inner")));
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a write transaction cannot start inside another");
    assertThat(reads().users().users(account)).isEmpty();
    assertThat(createUser("after")).isNotNull();
  }
}
