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
public abstract class StoreContractEntities extends StoreContractOidcProviders {

  @Test
  void accountsAndAliasesAreStoredAndAliasesAreUnique() {
    assertThat(reads().account(account)).map(Account::createDate).contains(T0);
    assertThat(reads().accounts()).extracting(Account::id).contains(account);
    assertThatThrownBy(() -> write(tx -> tx.createAccount(new Account(account, T0))))
        .isInstanceOf(StoreConflict.class);

    String alias = "alias-" + account;
    write(tx -> tx.setAccountAlias(account, alias));
    assertThat(reads().accountAlias(account)).contains(alias);
    assertThat(reads().accountWithAlias(alias)).contains(account);
    String other = newAccount();
    assertThatThrownBy(() -> write(tx -> tx.setAccountAlias(other, alias)))
        .isInstanceOf(StoreConflict.class);
    write(tx -> tx.setAccountAlias(account, alias));
    assertThat(writes().deleteAccountAlias(account, "nope")).isFalse();
    assertThat(writes().deleteAccountAlias(account, alias)).isTrue();
    assertThat(reads().accountAlias(account)).isEmpty();
    assertThat(reads().accountWithAlias(alias)).isEmpty();
    write(tx -> tx.setAccountAlias(other, alias));
    assertThat(reads().accountAlias(other)).contains(alias);
  }

  @Test
  void userNamesAreUniquePerAccountCaseInsensitivelyAndCounted() {
    User bob = createUser("Bob");
    assertThat(reads().user(account, "bOB")).contains(bob);
    assertThat(reads().userById(bob.id())).contains(bob);
    assertThatThrownBy(() -> createUser("BOB")).isInstanceOf(StoreConflict.class);
    assertThat(reads().userCount(account)).isEqualTo(1);
    // Another account may use the name.
    String before = account;
    account = newAccount();
    User otherBob = createUser("bob");
    createUser("carol");
    assertThat(reads().users(account)).contains(otherBob);
    assertThat(reads().userCount(account)).isEqualTo(2);
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
    assertThatThrownBy(() -> write(tx -> tx.updateUser(renamed.withNameAndPath("ALICE", "/"))))
        .isInstanceOf(StoreConflict.class);
    write(tx -> tx.updateUser(a.withPermissionsBoundary(policyArn("b"))));
    assertThat(reads().user(account, "alice").orElseThrow().permissionsBoundary())
        .contains(policyArn("b"));
  }

  @Test
  void whatDeleteUserChecksIsReadableAndDeletingAUserTakesItsTags() {
    User u = createUser("u");
    Group g = createGroup("g");
    write(tx -> tx.createAccessKey(key(u), "sealed"));
    write(tx -> tx.putInlinePolicy(new InlinePolicy(u.id(), "p", DOC)));
    write(tx -> tx.attachPolicy(account, EntityRef.of(u), policyArn("m")));
    write(tx -> tx.addUserToGroup(u.id(), g.id()));
    write(tx -> tx.putTags(u.id(), List.of(new Tag("k", "v"))));
    assertThat(reads().accessKeys(account, new AccessKeyOwner.IamUser(u.id()))).hasSize(1);
    assertThat(reads().inlinePolicies(u.id())).hasSize(1);
    assertThat(reads().attachedPolicies(u.id())).hasSize(1);
    assertThat(reads().groupsForUser(u.id())).containsExactly(g);
    assertThat(reads().userHasMfaDevice(u.id())).isFalse();

    String keyId = reads().accessKeys(account, key(u).owner()).get(0).accessKeyId();
    write(tx -> tx.deleteAccessKey(keyId));
    write(tx -> assertThat(tx.deleteInlinePolicy(u.id(), "P")).isTrue());
    write(tx -> assertThat(tx.detachPolicy(u.id(), policyArn("m"))).isTrue());
    write(tx -> assertThat(tx.removeUserFromGroup(u.id(), g.id())).isTrue());
    write(tx -> tx.deleteUser(u.id()));
    assertThat(reads().user(account, "u")).isEmpty();
    assertThat(reads().tags(u.id())).isEmpty();
  }

  @Test
  void groupsHoldMembersRenameAndDelete() {
    User u = createUser("u");
    User v = createUser("v");
    Group g = createGroup("Admins");
    assertThatThrownBy(() -> createGroup("ADMINS")).isInstanceOf(StoreConflict.class);
    assertThat(writes().addUserToGroup(u.id(), g.id())).isTrue();
    assertThat(writes().addUserToGroup(u.id(), g.id())).isFalse();
    write(tx -> tx.addUserToGroup(v.id(), g.id()));
    assertThat(reads().groupMembers(g.id())).containsExactly(u, v);
    assertThat(reads().groupsForUser(u.id())).containsExactly(g);
    assertThat(reads().groups(account)).containsExactly(g);
    assertThat(reads().groupCount(account)).isEqualTo(1);

    write(tx -> tx.removeUserFromGroup(u.id(), g.id()));
    write(tx -> tx.removeUserFromGroup(v.id(), g.id()));
    assertThat(writes().removeUserFromGroup(v.id(), g.id())).isFalse();
    assertThat(reads().groupMembers(g.id())).isEmpty();

    Group renamed = g.withNameAndPath("Ops", "/x/");
    write(tx -> tx.updateGroup(renamed));
    assertThat(reads().group(account, "ops")).contains(renamed);
    createGroup("Dev");
    assertThatThrownBy(() -> write(tx -> tx.updateGroup(renamed.withNameAndPath("dev", "/"))))
        .isInstanceOf(StoreConflict.class);
    write(tx -> tx.deleteGroup(g.id()));
    assertThat(reads().group(account, "Ops")).isEmpty();
    assertThat(reads().groupCount(account)).isEqualTo(1);
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
    write(tx -> tx.updateRole(updated));
    assertThat(reads().role(account, "DEPLOYER")).contains(updated);
    assertThat(reads().roles(account)).containsExactly(updated);
    assertThat(reads().roleCount(account)).isEqualTo(1);

    write(tx -> tx.putTags(r.id(), List.of(new Tag("k", "v"))));
    write(tx -> tx.recordRoleUse(r.id(), new RoleLastUsed(T0, "us-east-1")));
    write(tx -> tx.deleteRole(r.id()));
    assertThat(reads().role(account, "deployer")).isEmpty();
    assertThat(reads().tags(r.id())).isEmpty();
    assertThat(reads().roleLastUsed(r.id())).isEmpty();
    assertThat(reads().roleCount(account)).isZero();
  }

  @Test
  void roleUseIsRecorded() {
    Role r = createRole("assumed");
    assertThat(reads().roleLastUsed(r.id())).isEmpty();
    RoleLastUsed used = new RoleLastUsed(T0.plusSeconds(60), "eu-west-1");
    assertThat(writes().recordRoleUse(r.id(), used)).isTrue();
    assertThat(reads().roleLastUsed(r.id())).contains(used);
    Role never = createRole("never-assumed");
    assertThat(reads().rolesLastUsed(account)).isEqualTo(Map.of(r.id(), used));
    assertThat(reads().rolesLastUsed("999999999999")).isEmpty();
    assertThat(reads().roleLastUsed(never.id())).isEmpty();
    assertThat(writes().recordRoleUse("AROANOSUCHROLE000000", used)).isFalse();
  }

  @Test
  void tagsReplaceByKeyCaseInsensitively() {
    Role r = createRole("r");
    write(tx -> tx.putTags(r.id(), List.of(new Tag("Team", "a"), new Tag("env", "prod"))));
    write(tx -> tx.putTags(r.id(), List.of(new Tag("TEAM", "b"))));
    assertThat(reads().tags(r.id())).containsExactly(new Tag("env", "prod"), new Tag("TEAM", "b"));
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
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.createUser(u);
                      tx.createGroup(g);
                      tx.putTags(u.id(), List.of(new Tag("a", "b")));
                      tx.createUser(user("HALF")); // exists already, in this same transaction
                    }))
        .isInstanceOf(StoreConflict.class);
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
}
