package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.StoreConflict;
import dev.gatehouse.core.store.WriteTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * AWS's rules on IAM writes ({@link IamRules}), each shown refusing with AWS's code and text, on
 * the memory store (the store contract shows every adapter persists what they let through).
 */
class IamRulesTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
  private static final String NO_ACCOUNT = "The account 999999999999 cannot be found.";

  private final Ids ids = Ids.secure();
  private final Store store = new MemoryStore();
  private final String account = newAccount();

  private String newAccount() {
    String id = ids.accountId();
    write(tx -> IamRules.createAccount(tx, new Account(id, T0)));
    return id;
  }

  private void write(Consumer<WriteTransaction> work) {
    store.write(
        tx -> {
          work.accept(tx);
          return null;
        });
  }

  private <T> T read(Function<ReadTransaction, T> work) {
    return store.read(work);
  }

  private <T> T get(Function<WriteTransaction, T> work) {
    return store.write(work);
  }

  private static void assertFails(ErrorCode code, String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(GatehouseException.class)
        .hasMessage(message)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(code);
  }

  private User user(String name) {
    return new User(account, name, ids.userId(), "/", T0, "");
  }

  private User createUser(String name) {
    User u = user(name);
    write(tx -> IamRules.createUser(tx, u, Users.MAX_USERS));
    return u;
  }

  private Group createGroup(String name) {
    Group g = new Group(account, name, ids.groupId(), "/", T0);
    write(tx -> IamRules.createGroup(tx, g, Groups.MAX_GROUPS));
    return g;
  }

  private Role role(String accountId, String name) {
    return new Role(
        accountId, name, ids.roleId(), "/", T0, "", Role.DEFAULT_MAX_SESSION_DURATION, DOC, "");
  }

  private Role createRole(String name) {
    Role r = role(account, name);
    write(tx -> IamRules.createRole(tx, r, Roles.MAX_ROLES));
    return r;
  }

  private ManagedPolicy policy(String accountId, String name) {
    return new ManagedPolicy(accountId, name, ids.policyId(), "/", "v1", "", T0, T0, true, 0);
  }

  private ManagedPolicy createPolicy(String name) {
    ManagedPolicy p = policy(account, name);
    write(tx -> IamRules.createPolicy(tx, p, DOC, ManagedPolicies.MAX_POLICIES));
    return p;
  }

  private AccessKey key(String accountId, AccessKeyOwner owner) {
    return new AccessKey(ids.accessKeyId(), accountId, owner, AccessKeyStatus.ACTIVE, T0);
  }

  private VirtualMfaDevice device(String name) {
    return VirtualMfaDevice.unassigned(
        account, "arn:aws:iam::" + account + ":mfa/" + name, "sealed", T0);
  }

  @Test
  void accountsAreCreatedOnceAndAliasesAreUniqueAcrossAccounts() {
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Account " + account + " already exists.",
        () -> write(tx -> IamRules.createAccount(tx, new Account(account, T0))));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () -> write(tx -> IamRules.setAccountAlias(tx, "999999999999", "x")));
    String alias = "alias-" + account;
    write(tx -> IamRules.setAccountAlias(tx, account, alias));
    String other = newAccount();
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "The account alias " + alias + " already exists.",
        () -> write(tx -> IamRules.setAccountAlias(tx, other, alias)));
    // Setting the alias an account already has is no conflict.
    write(tx -> IamRules.setAccountAlias(tx, account, alias));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account alias nope cannot be found.",
        () -> write(tx -> IamRules.deleteAccountAlias(tx, account, "nope")));
    write(tx -> IamRules.deleteAccountAlias(tx, account, alias));
    write(tx -> IamRules.setAccountAlias(tx, other, alias));
    assertThat(read(tx -> tx.accounts().accountAlias(other)).orElseThrow()).isEqualTo(alias);
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () -> write(tx -> IamRules.setRootPasswordHash(tx, "999999999999", "h")));
  }

  @Test
  void namesAreUniquePerAccountCaseInsensitivelyAndEntitiesNeedTheirAccount() {
    User bob = createUser("Bob");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name BOB already exists.",
        () -> createUser("BOB"));
    createUser("alice");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name ALICE already exists.",
        () -> write(tx -> IamRules.updateUser(tx, bob, bob.withNameAndPath("ALICE", "/"))));
    // A different case of its own name is no conflict.
    write(tx -> IamRules.updateUser(tx, bob, bob.withNameAndPath("BOB", "/x/")));

    Group g = createGroup("Admins");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Group with name ADMINS already exists.",
        () -> createGroup("ADMINS"));
    createGroup("Dev");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Group with name dev already exists.",
        () -> write(tx -> IamRules.updateGroup(tx, g, g.withNameAndPath("dev", "/"))));
    write(tx -> IamRules.updateGroup(tx, g, g.withNameAndPath("Ops", "/")));

    createRole("Deployer");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Role with name deployer already exists.",
        () -> createRole("deployer"));
    createPolicy("ReadOnly");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "A policy called readonly already exists. Duplicate names are not allowed.",
        () -> createPolicy("readonly"));

    String none = "999999999999";
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            write(
                tx ->
                    IamRules.createUser(
                        tx, new User(none, "u", ids.userId(), "/", T0, ""), Users.MAX_USERS)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            write(
                tx ->
                    IamRules.createGroup(
                        tx, new Group(none, "g", ids.groupId(), "/", T0), Groups.MAX_GROUPS)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () -> write(tx -> IamRules.createRole(tx, role(none, "r"), Roles.MAX_ROLES)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            write(
                tx ->
                    IamRules.createPolicy(
                        tx, policy(none, "p"), DOC, ManagedPolicies.MAX_POLICIES)));
  }

  @Test
  void accountQuotasAreCountedBeforeTheAccountIsChecked() {
    createUser("a");
    createUser("b");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for UsersPerAccount: 2",
        () -> write(tx -> IamRules.createUser(tx, user("c"), 2)));
    createGroup("g");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for GroupsPerAccount: 1",
        () -> write(tx -> IamRules.createGroup(tx, new Group(account, "h", "AGPAX", "/", T0), 1)));
    createRole("r");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for RolesPerAccount: 1",
        () -> write(tx -> IamRules.createRole(tx, role(account, "s"), 1)));
    createPolicy("p");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerAccount: 1",
        () -> write(tx -> IamRules.createPolicy(tx, policy(account, "q"), DOC, 1)));
  }

  @Test
  void deletingAUserFollowsAwsOrder() {
    User u = createUser("u");
    Group g = createGroup("g");
    write(tx -> tx.passwords().createLoginProfile(LoginProfile.created(u.id(), "h", T0, false)));
    AccessKey k = key(account, new AccessKeyOwner.IamUser(u.id()));
    write(tx -> IamRules.createAccessKey(tx, k, "sealed", 2));
    write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(u.id(), "p", DOC)));
    String m = createPolicy("m").arn();
    write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(u), m, 10));
    write(tx -> IamRules.addUserToGroup(tx, u, g, 10));
    VirtualMfaDevice d = device("u");
    write(tx -> IamRules.createMfaDevice(tx, d));
    write(tx -> IamRules.updateMfaDevice(tx, d.enabledFor(u.id(), T0, TotpState.initial())));

    List<Runnable> remove =
        List.of(
            () -> write(tx -> tx.passwords().deleteLoginProfile(u.id())),
            () -> write(tx -> tx.keys().deleteAccessKey(k.accessKeyId())),
            () -> write(tx -> tx.inlinePolicies().deleteInlinePolicy(u.id(), "p")),
            () -> write(tx -> tx.policies().detachPolicy(u.id(), m)),
            () -> write(tx -> tx.groups().removeUserFromGroup(u.id(), g.id())),
            () -> write(tx -> tx.mfa().updateMfaDevice(d)));
    List<String> messages =
        List.of(
            "Cannot delete entity, must delete login profile first.",
            "Cannot delete entity, must delete access keys first.",
            "Cannot delete entity, must delete policies first.",
            "Cannot delete entity, must detach all policies first.",
            "Cannot delete entity, must remove users from group first.",
            "Cannot delete entity, must delete MFA device first.");
    for (int i = 0; i < messages.size(); i++) {
      assertFails(
          ErrorCode.DELETE_CONFLICT,
          messages.get(i),
          () -> write(tx -> IamRules.deleteUser(tx, u)));
      remove.get(i).run();
    }
    write(tx -> IamRules.deleteUser(tx, u));
    assertThat(read(tx -> tx.users().user(account, "u")).isEmpty()).isTrue();
  }

  @Test
  void aGroupIsDeletedOnlyWhenEmptyAndAUserJoinsAtMostTheLimit() {
    User u = createUser("u");
    Group g = createGroup("g");
    write(tx -> IamRules.addUserToGroup(tx, u, g, 10));
    write(tx -> IamRules.addUserToGroup(tx, u, g, 1)); // idempotent, even at the limit
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove users from group first.",
        () -> write(tx -> IamRules.deleteGroup(tx, g)));
    Group other = createGroup("other");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for GroupsPerUser: 1",
        () -> write(tx -> IamRules.addUserToGroup(tx, u, other, 1)));
    write(tx -> tx.groups().removeUserFromGroup(u.id(), g.id()));
    write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(g.id(), "p", DOC)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete policies first.",
        () -> write(tx -> IamRules.deleteGroup(tx, g)));
    write(tx -> tx.inlinePolicies().deleteInlinePolicy(g.id(), "p"));
    write(
        tx -> tx.policies().attachPolicy(account, EntityRef.of(g), Arns.policy(account, "/", "m")));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must detach all policies first.",
        () -> write(tx -> IamRules.deleteGroup(tx, g)));
    write(tx -> tx.policies().detachPolicy(g.id(), Arns.policy(account, "/", "m")));
    write(tx -> IamRules.deleteGroup(tx, g));
    assertThat(read(tx -> tx.groups().group(account, "g")).isEmpty()).isTrue();
  }

  @Test
  void aRoleIsDeletedWithoutPoliciesAndOutsideEveryInstanceProfile() {
    Role r = createRole("r");
    InstanceProfile p = new InstanceProfile(account, "web", ids.instanceProfileId(), "/", T0);
    write(tx -> IamRules.createInstanceProfile(tx, p, InstanceProfiles.MAX_INSTANCE_PROFILES));
    write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(r.id(), "p", DOC)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete policies first.",
        () -> write(tx -> IamRules.deleteRole(tx, r)));
    write(tx -> tx.inlinePolicies().deleteInlinePolicy(r.id(), "p"));
    write(
        tx -> tx.policies().attachPolicy(account, EntityRef.of(r), Arns.policy(account, "/", "m")));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must detach all policies first.",
        () -> write(tx -> IamRules.deleteRole(tx, r)));
    write(tx -> tx.policies().detachPolicy(r.id(), Arns.policy(account, "/", "m")));
    write(tx -> IamRules.addRoleToInstanceProfile(tx, p, r));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove roles from instance profile first.",
        () -> write(tx -> IamRules.deleteRole(tx, r)));
    write(tx -> tx.instanceProfiles().removeRoleFromInstanceProfile(p.id(), r.id()));
    write(tx -> IamRules.deleteRole(tx, r));
    assertThat(read(tx -> tx.roles().role(account, "r")).isEmpty()).isTrue();
  }

  @Test
  void anInstanceProfileHoldsOneRoleIsUniqueAndIsDeletedEmpty() {
    InstanceProfile p = new InstanceProfile(account, "Web", ids.instanceProfileId(), "/", T0);
    write(tx -> IamRules.createInstanceProfile(tx, p, 1));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Instance Profile web already exists.",
        () ->
            write(
                tx ->
                    IamRules.createInstanceProfile(
                        tx, new InstanceProfile(account, "web", "AIPAOTHER", "/", T0), 5)));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for InstanceProfilesPerAccount: 1",
        () ->
            write(
                tx ->
                    IamRules.createInstanceProfile(
                        tx, new InstanceProfile(account, "batch", "AIPAB", "/", T0), 1)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            write(
                tx ->
                    IamRules.createInstanceProfile(
                        tx, new InstanceProfile("999999999999", "x", "AIPAX", "/", T0), 5)));
    Role r = createRole("app");
    Role other = createRole("other");
    write(tx -> IamRules.addRoleToInstanceProfile(tx, p, r));
    for (Role second : List.of(other, r)) {
      assertFails(
          ErrorCode.LIMIT_EXCEEDED,
          "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
          () -> write(tx -> IamRules.addRoleToInstanceProfile(tx, p, second)));
    }
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove roles from instance profile first.",
        () -> write(tx -> IamRules.deleteInstanceProfile(tx, p)));
    write(tx -> tx.instanceProfiles().removeRoleFromInstanceProfile(p.id(), r.id()));
    write(tx -> IamRules.deleteInstanceProfile(tx, p));
    assertThat(read(tx -> tx.instanceProfiles().instanceProfile(account, "web")).isEmpty())
        .isTrue();
  }

  @Test
  void providerUrlsAreUniqueAndCounted() {
    OidcProvider p =
        new OidcProvider(account, "OIDC1", "idp.example.com", List.of(), List.of(), T0);
    write(tx -> IamRules.createOidcProvider(tx, p, 2));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Provider with url https://idp.example.com already exists.",
        () ->
            write(
                tx ->
                    IamRules.createOidcProvider(
                        tx,
                        new OidcProvider(
                            account, "OIDC2", "idp.example.com", List.of(), List.of(), T0),
                        2)));
    write(
        tx ->
            IamRules.createOidcProvider(
                tx, new OidcProvider(account, "OIDC3", "b.example", List.of(), List.of(), T0), 2));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for OpenIdConnectProvidersPerAccount: 2",
        () ->
            write(
                tx ->
                    IamRules.createOidcProvider(
                        tx,
                        new OidcProvider(account, "OIDC4", "c.example", List.of(), List.of(), T0),
                        2)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            write(
                tx ->
                    IamRules.createOidcProvider(
                        tx,
                        new OidcProvider(
                            "999999999999", "OIDCX", "x.example", List.of(), List.of(), T0),
                        2)));
  }

  @Test
  void tagsAreLimitedCountingReplacedKeysOnce() {
    Role r = createRole("r");
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < Validation.MAX_TAGS; i++) {
      fifty.add(new Tag("k" + i, "v"));
    }
    write(tx -> IamRules.putTags(tx, r.id(), fifty));
    // Replacing an existing key (in another case) adds none.
    write(tx -> IamRules.putTags(tx, r.id(), List.of(new Tag("K0", "new"))));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for TagsPerResource: 50",
        () -> write(tx -> IamRules.putTags(tx, r.id(), List.of(new Tag("extra", "")))));
    assertThat(read(tx -> tx.tags().tags(r.id())).size()).isEqualTo(Validation.MAX_TAGS);
  }

  @Test
  void policyVersionsAreLimitedAndTheDefaultIsProtected() {
    ManagedPolicy p = createPolicy("p");
    String arn = p.arn();
    for (int i = 2; i <= 5; i++) {
      write(tx -> IamRules.createPolicyVersion(tx, account, arn, DOC, false, T0, 5));
    }
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "A managed policy can have up to 5 versions. Before you create a new version, you must"
            + " delete an existing version.",
        () -> write(tx -> IamRules.createPolicyVersion(tx, account, arn, DOC, true, T0, 5)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete the default version of a policy.",
        () -> write(tx -> IamRules.deletePolicyVersion(tx, account, arn, "v1")));
    write(tx -> IamRules.deletePolicyVersion(tx, account, arn, "v5"));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " version v5 does not exist or is not attachable.",
        () -> write(tx -> IamRules.deletePolicyVersion(tx, account, arn, "v5")));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " version bogus does not exist or is not attachable.",
        () -> write(tx -> IamRules.setDefaultPolicyVersion(tx, account, arn, "bogus", T0)));
    write(tx -> IamRules.setDefaultPolicyVersion(tx, account, arn, "v2", T0));
    PolicyVersion v6 = get(tx -> IamRules.createPolicyVersion(tx, account, arn, DOC, false, T0, 5));
    assertThat(v6.versionId()).isEqualTo("v6");
    String missing = Arns.policy(account, "/", "missing");
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + missing + " was not found.",
        () -> write(tx -> IamRules.createPolicyVersion(tx, account, missing, DOC, false, T0, 5)));
  }

  @Test
  void aPolicyIsDeletedOnlyWhenDetachedUnusedAsBoundaryAndDownToItsDefaultVersion() {
    ManagedPolicy p = createPolicy("p");
    String arn = p.arn();
    User u = createUser("u");
    write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(u), arn, 10));
    String attached = "Cannot delete a policy attached to entities.";
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        attached,
        () -> write(tx -> IamRules.deletePolicy(tx, account, arn)));
    write(tx -> tx.policies().detachPolicy(u.id(), arn));
    write(tx -> tx.users().updateUser(u.withPermissionsBoundary(arn)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        attached,
        () -> write(tx -> IamRules.deletePolicy(tx, account, arn)));
    write(tx -> tx.users().updateUser(u.withPermissionsBoundary("")));
    Role r = createRole("bounded");
    write(tx -> tx.roles().updateRole(r.withPermissionsBoundary(arn)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        attached,
        () -> write(tx -> IamRules.deletePolicy(tx, account, arn)));
    write(tx -> tx.roles().updateRole(r.withPermissionsBoundary("")));
    write(tx -> IamRules.createPolicyVersion(tx, account, arn, DOC, false, T0, 5));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "This policy has more than one version. Before you delete a policy, you must delete the"
            + " policy's versions. The default version is deleted with the policy.",
        () -> write(tx -> IamRules.deletePolicy(tx, account, arn)));
    write(tx -> IamRules.deletePolicyVersion(tx, account, arn, "v2"));
    write(tx -> IamRules.deletePolicy(tx, account, arn));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " was not found.",
        () -> write(tx -> IamRules.deletePolicy(tx, account, arn)));
  }

  @Test
  void attachmentsAreIdempotentAndLimitedPerKind() {
    User u = createUser("u");
    Role r = createRole("r");
    Group g = createGroup("g");
    String a = Arns.policy(account, "/", "a");
    String b = Arns.policy(account, "/", "b");
    write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(u), a, 1));
    write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(u), a, 1));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerUser: 1",
        () -> write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(u), b, 1)));
    write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(r), a, 1));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerRole: 1",
        () -> write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(r), b, 1)));
    write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(g), a, 1));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerGroup: 1",
        () -> write(tx -> IamRules.attachPolicy(tx, account, EntityRef.of(g), b, 1)));
  }

  @Test
  void accessKeysAreLimitedPerOwnerUniqueAndNeedTheirUser() {
    User u = createUser("u");
    AccessKeyOwner owner = new AccessKeyOwner.IamUser(u.id());
    AccessKey k1 = key(account, owner);
    write(tx -> IamRules.createAccessKey(tx, k1, "s", 2));
    write(tx -> IamRules.createAccessKey(tx, key(account, owner), "s", 2));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for AccessKeysPerUser: 2",
        () -> write(tx -> IamRules.createAccessKey(tx, key(account, owner), "s", 2)));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "The Access Key with id " + k1.accessKeyId() + " already exists.",
        () -> write(tx -> IamRules.createAccessKey(tx, k1, "again", 5)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with id AIDANOSUCHUSER000000 cannot be found.",
        () ->
            write(
                tx ->
                    IamRules.createAccessKey(
                        tx,
                        key(account, new AccessKeyOwner.IamUser("AIDANOSUCHUSER000000")),
                        "s",
                        2)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            write(
                tx ->
                    IamRules.createAccessKey(
                        tx, key("999999999999", new AccessKeyOwner.Root()), "s", 2)));
  }

  @Test
  void aUserHasOneLoginProfile() {
    User bob = createUser("Bob");
    LoginProfile p = LoginProfile.created(bob.id(), "h", T0, false);
    write(tx -> IamRules.createLoginProfile(tx, bob, p));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Login Profile for user Bob already exists.",
        () -> write(tx -> IamRules.createLoginProfile(tx, bob, p)));
  }

  @Test
  void mfaSerialNumbersAreUniqueCaseInsensitivelyAndAssigneesMustExist() {
    VirtualMfaDevice d = device("A-device");
    write(tx -> IamRules.createMfaDevice(tx, d));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "MFADevice entity at the same path and name already exists.",
        () -> write(tx -> IamRules.createMfaDevice(tx, device("a-DEVICE"))));
    VirtualMfaDevice none = device("none");
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + none.serialNumber() + " does not exist.",
        () -> write(tx -> IamRules.updateMfaDevice(tx, none)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with id AIDAGHOST cannot be found.",
        () ->
            write(
                tx ->
                    IamRules.updateMfaDevice(
                        tx, d.enabledFor("AIDAGHOST", T0, TotpState.initial()))));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            write(
                tx ->
                    IamRules.createMfaDevice(
                        tx,
                        VirtualMfaDevice.unassigned(
                            "999999999999", "arn:aws:iam::999999999999:mfa/x", "s", T0))));
  }

  @Test
  void aConflictTheStoreReportsBecomesAwsError() {
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name u already exists.",
        () ->
            IamRules.unique(
                () -> {
                  throw new StoreConflict("duplicate", null);
                },
                () -> dev.gatehouse.core.error.IamErrors.userExists("u")));
    // Anything else passes through untouched.
    assertThatThrownBy(
            () ->
                IamRules.unique(
                    () -> {
                      throw new IllegalStateException("boom");
                    },
                    () -> dev.gatehouse.core.error.IamErrors.userExists("u")))
        .isInstanceOf(IllegalStateException.class);
  }
}
