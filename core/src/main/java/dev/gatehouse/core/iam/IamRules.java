package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.StoreConflict;
import dev.gatehouse.core.store.WriteTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * AWS's rules on IAM writes, decided once for every store: uniqueness ({@code
 * EntityAlreadyExists}), existence ({@code NoSuchEntity}), quotas ({@code LimitExceeded}) and AWS's
 * deletion order ({@code DeleteConflict}). Each method reads what it needs through the write
 * transaction it is given, then writes; the store serializes write transactions, so the check and
 * the write commit together. A {@link StoreConflict} from a unique constraint the store keeps as
 * its last line becomes the same AWS error the check would have thrown.
 *
 * <p>The services of {@code core.iam}, {@code core.org} and {@code core.sts} write through here
 * wherever a rule applies; store adapters only persist.
 */
public final class IamRules {
  private static final int MAX_ROLES_PER_PROFILE = InstanceProfiles.MAX_ROLES_PER_PROFILE;

  private IamRules() {}

  /** Runs a write the store may refuse on a unique constraint, mapping that to {@code error}. */
  static void unique(Runnable write, Supplier<GatehouseException> error) {
    try {
      write.run();
    } catch (StoreConflict e) {
      GatehouseException g = error.get();
      g.addSuppressed(e);
      throw g;
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** {@code NoSuchEntity} for an account the store does not know. */
  public static void requireAccount(ReadTransaction tx, String accountId) {
    if (tx.accounts().account(accountId).isEmpty()) {
      throw IamErrors.noSuchAccount(accountId);
    }
  }

  // ---------------------------------------------------------------- accounts

  public static void createAccount(WriteTransaction tx, Account account) {
    if (tx.accounts().account(account.id()).isPresent()) {
      throw IamErrors.accountExists(account.id());
    }
    unique(() -> tx.accounts().createAccount(account), () -> IamErrors.accountExists(account.id()));
  }

  /** Aliases are unique across all accounts. */
  static void setAccountAlias(WriteTransaction tx, String accountId, String alias) {
    requireAccount(tx, accountId);
    if (tx.accounts()
        .accountWithAlias(alias)
        .filter(other -> !other.equals(accountId))
        .isPresent()) {
      throw IamErrors.aliasExists(alias);
    }
    unique(
        () -> tx.accounts().setAccountAlias(accountId, alias), () -> IamErrors.aliasExists(alias));
  }

  static void deleteAccountAlias(WriteTransaction tx, String accountId, String alias) {
    if (!tx.accounts().deleteAccountAlias(accountId, alias)) {
      throw GatehouseException.noSuchEntity("The account alias " + alias + " cannot be found.");
    }
  }

  public static void setRootPasswordHash(WriteTransaction tx, String accountId, String hash) {
    requireAccount(tx, accountId);
    tx.passwords().setRootPasswordHash(accountId, hash);
  }

  // ---------------------------------------------------------------- users and groups

  static void createUser(WriteTransaction tx, User user, int maxUsers) {
    if (tx.users().userCount(user.accountId()) >= maxUsers) {
      throw IamErrors.quota("UsersPerAccount", maxUsers);
    }
    requireAccount(tx, user.accountId());
    if (tx.users().user(user.accountId(), user.name()).isPresent()) {
      throw IamErrors.userExists(user.name());
    }
    unique(() -> tx.users().createUser(user), () -> IamErrors.userExists(user.name()));
  }

  /** Replaces {@code old} by {@code updated}; a new name must be free. */
  static void updateUser(WriteTransaction tx, User old, User updated) {
    if (!lower(old.name()).equals(lower(updated.name()))
        && tx.users().user(updated.accountId(), updated.name()).isPresent()) {
      throw IamErrors.userExists(updated.name());
    }
    unique(() -> tx.users().updateUser(updated), () -> IamErrors.userExists(updated.name()));
  }

  /**
   * spec: DeleteUser: "you must delete the items attached to the user manually": login profile,
   * access keys, signing certificates, SSH public keys, inline policies, attached policies, group
   * memberships and MFA device, in AWS's order of checking.
   */
  static void deleteUser(WriteTransaction tx, User u) {
    if (tx.passwords().loginProfile(u.id()).isPresent()) {
      throw IamErrors.mustDeleteLoginProfile();
    }
    if (!tx.keys().accessKeys(u.accountId(), new AccessKeyOwner.IamUser(u.id())).isEmpty()) {
      throw IamErrors.mustDeleteAccessKeys();
    }
    if (!tx.userCertificates()
        .signingCertificates(u.accountId(), new AccessKeyOwner.IamUser(u.id()))
        .isEmpty()) {
      throw IamErrors.mustDeleteSigningCertificates();
    }
    if (!tx.userCertificates().sshPublicKeys(u.accountId(), u.id()).isEmpty()) {
      throw IamErrors.mustDeleteSshPublicKeys();
    }
    if (!tx.inlinePolicies().inlinePolicies(u.id()).isEmpty()) {
      throw IamErrors.mustDeletePolicies();
    }
    if (!tx.policies().attachedPolicies(u.id()).isEmpty()) {
      throw IamErrors.mustDetachPolicies();
    }
    if (!tx.groups().groupsForUser(u.id()).isEmpty()) {
      throw IamErrors.mustRemoveFromGroups();
    }
    if (tx.mfa().userHasMfaDevice(u.id())) {
      throw IamErrors.mustDeleteMfaDevice();
    }
    tx.users().deleteUser(u.id());
  }

  static void createGroup(WriteTransaction tx, Group group, int maxGroups) {
    if (tx.groups().groupCount(group.accountId()) >= maxGroups) {
      throw IamErrors.quota("GroupsPerAccount", maxGroups);
    }
    requireAccount(tx, group.accountId());
    if (tx.groups().group(group.accountId(), group.name()).isPresent()) {
      throw IamErrors.groupExists(group.name());
    }
    unique(() -> tx.groups().createGroup(group), () -> IamErrors.groupExists(group.name()));
  }

  static void updateGroup(WriteTransaction tx, Group old, Group updated) {
    if (!lower(old.name()).equals(lower(updated.name()))
        && tx.groups().group(updated.accountId(), updated.name()).isPresent()) {
      throw IamErrors.groupExists(updated.name());
    }
    unique(() -> tx.groups().updateGroup(updated), () -> IamErrors.groupExists(updated.name()));
  }

  /** A group is deleted once it has no members and no inline or attached policies. */
  static void deleteGroup(WriteTransaction tx, Group g) {
    if (!tx.groups().groupMembers(g.id()).isEmpty()) {
      throw IamErrors.mustRemoveFromGroups();
    }
    if (!tx.inlinePolicies().inlinePolicies(g.id()).isEmpty()) {
      throw IamErrors.mustDeletePolicies();
    }
    if (!tx.policies().attachedPolicies(g.id()).isEmpty()) {
      throw IamErrors.mustDetachPolicies();
    }
    tx.groups().deleteGroup(g.id());
  }

  /** Idempotent; {@code LimitExceeded} GroupsPerUser beyond {@code maxGroupsPerUser}. */
  static void addUserToGroup(WriteTransaction tx, User user, Group group, int maxGroupsPerUser) {
    List<Group> current = tx.groups().groupsForUser(user.id());
    if (current.stream().anyMatch(g -> g.id().equals(group.id()))) {
      return;
    }
    if (current.size() >= maxGroupsPerUser) {
      throw IamErrors.quota("GroupsPerUser", maxGroupsPerUser);
    }
    tx.groups().addUserToGroup(user.id(), group.id());
  }

  // ---------------------------------------------------------------- roles and instance profiles

  public static void createRole(WriteTransaction tx, Role role, int maxRoles) {
    if (tx.roles().roleCount(role.accountId()) >= maxRoles) {
      throw IamErrors.quota("RolesPerAccount", maxRoles);
    }
    requireAccount(tx, role.accountId());
    if (tx.roles().role(role.accountId(), role.name()).isPresent()) {
      throw IamErrors.roleExists(role.name());
    }
    unique(() -> tx.roles().createRole(role), () -> IamErrors.roleExists(role.name()));
  }

  /** A role is deleted once it has no inline or attached policies and is in no profile. */
  static void deleteRole(WriteTransaction tx, Role r) {
    if (!tx.inlinePolicies().inlinePolicies(r.id()).isEmpty()) {
      throw IamErrors.mustDeletePolicies();
    }
    if (!tx.policies().attachedPolicies(r.id()).isEmpty()) {
      throw IamErrors.mustDetachPolicies();
    }
    if (!tx.instanceProfiles().instanceProfilesForRole(r.id()).isEmpty()) {
      throw IamErrors.mustRemoveRolesFromInstanceProfile();
    }
    tx.roles().deleteRole(r.id());
  }

  static void createInstanceProfile(WriteTransaction tx, InstanceProfile p, int maxProfiles) {
    if (tx.instanceProfiles().instanceProfileCount(p.accountId()) >= maxProfiles) {
      throw IamErrors.quota("InstanceProfilesPerAccount", maxProfiles);
    }
    requireAccount(tx, p.accountId());
    if (tx.instanceProfiles().instanceProfile(p.accountId(), p.name()).isPresent()) {
      throw IamErrors.instanceProfileExists(p.name());
    }
    unique(
        () -> tx.instanceProfiles().createInstanceProfile(p),
        () -> IamErrors.instanceProfileExists(p.name()));
  }

  static void deleteInstanceProfile(WriteTransaction tx, InstanceProfile p) {
    if (!tx.instanceProfiles().instanceProfileRoles(p.id()).isEmpty()) {
      throw IamErrors.mustRemoveRolesFromInstanceProfile();
    }
    tx.instanceProfiles().deleteInstanceProfile(p.id());
  }

  /**
   * {@code LimitExceeded} InstanceSessionsPerInstanceProfile when the profile already has its one
   * role (the same role included).
   */
  static void addRoleToInstanceProfile(WriteTransaction tx, InstanceProfile p, Role r) {
    if (tx.instanceProfiles().instanceProfileRoles(p.id()).size() >= MAX_ROLES_PER_PROFILE) {
      throw IamErrors.quota("InstanceSessionsPerInstanceProfile", MAX_ROLES_PER_PROFILE);
    }
    tx.instanceProfiles().addRoleToInstanceProfile(p.id(), r.id());
  }

  // ---------------------------------------------------------------- OIDC providers

  static void createOidcProvider(WriteTransaction tx, OidcProvider p, int maxProviders) {
    if (tx.oidcProviders().oidcProviderCount(p.accountId()) >= maxProviders) {
      throw IamErrors.quota("OpenIdConnectProvidersPerAccount", maxProviders);
    }
    requireAccount(tx, p.accountId());
    if (tx.oidcProviders().oidcProvider(p.accountId(), p.url()).isPresent()) {
      throw IamErrors.oidcProviderExists("https://" + p.url());
    }
    unique(
        () -> tx.oidcProviders().createOidcProvider(p),
        () -> IamErrors.oidcProviderExists("https://" + p.url()));
  }

  // ---------------------------------------------------------------- tags

  /**
   * Adds or replaces tags by key (case-insensitive); at most {@code Validation.MAX_TAGS} in all.
   */
  public static void putTags(WriteTransaction tx, String entityId, List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    Set<String> keys = new TreeSet<>();
    tx.tags().tags(entityId).forEach(t -> keys.add(lower(t.key())));
    tags.forEach(t -> keys.add(lower(t.key())));
    if (keys.size() > Validation.MAX_TAGS) {
      throw IamErrors.tagLimit(Validation.MAX_TAGS);
    }
    tx.tags().putTags(entityId, tags);
  }

  // ---------------------------------------------------------------- managed policies

  static void createPolicy(
      WriteTransaction tx, ManagedPolicy policy, String document, int maxPolicies) {
    if (tx.policies().policyCount(policy.accountId()) >= maxPolicies) {
      throw IamErrors.quota("PoliciesPerAccount", maxPolicies);
    }
    requireAccount(tx, policy.accountId());
    if (tx.policies().policyByName(policy.accountId(), policy.name()).isPresent()) {
      throw IamErrors.policyExists(policy.name());
    }
    unique(
        () -> tx.policies().createPolicy(policy, document),
        () -> IamErrors.policyExists(policy.name()));
  }

  static ManagedPolicy policy(ReadTransaction tx, String accountId, String arn) {
    return tx.policies().policy(accountId, arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
  }

  private static PolicyVersion version(
      ReadTransaction tx, String accountId, String arn, String versionId) {
    return tx.policies()
        .policyVersion(accountId, arn, versionId)
        .orElseThrow(() -> IamErrors.noSuchPolicyVersion(arn, versionId));
  }

  static PolicyVersion createPolicyVersion(
      WriteTransaction tx,
      String accountId,
      String arn,
      String document,
      boolean setAsDefault,
      Instant now,
      int maxVersions) {
    ManagedPolicy p = policy(tx, accountId, arn);
    if (tx.policies().policyVersions(accountId, arn).size() >= maxVersions) {
      throw IamErrors.policyVersionLimit(maxVersions);
    }
    return tx.policies().createPolicyVersion(p, document, setAsDefault, now);
  }

  static void setDefaultPolicyVersion(
      WriteTransaction tx, String accountId, String arn, String versionId, Instant now) {
    ManagedPolicy p = policy(tx, accountId, arn);
    tx.policies().setDefaultPolicyVersion(p, version(tx, accountId, arn, versionId).number(), now);
  }

  static void deletePolicyVersion(
      WriteTransaction tx, String accountId, String arn, String versionId) {
    ManagedPolicy p = policy(tx, accountId, arn);
    PolicyVersion v = version(tx, accountId, arn, versionId);
    if (v.isDefault()) {
      throw IamErrors.cannotDeleteDefaultVersion();
    }
    tx.policies().deletePolicyVersion(p, v.number());
  }

  /**
   * A policy is deleted once it is attached nowhere, is no user's or role's permissions boundary (a
   * boundary is an attachment too: deleting it would leave its users and roles unbounded), and has
   * only its default version left.
   */
  static void deletePolicy(WriteTransaction tx, String accountId, String arn) {
    ManagedPolicy p = policy(tx, accountId, arn);
    if (p.attachmentCount() > 0 || tx.policies().boundaryUseCount(arn) > 0) {
      throw IamErrors.policyAttached();
    }
    if (tx.policies().policyVersions(accountId, arn).size() > 1) {
      throw IamErrors.policyHasVersions();
    }
    tx.policies().deletePolicy(p);
  }

  /** Idempotent; {@code LimitExceeded} PoliciesPerUser/Group/Role beyond {@code maxAttached}. */
  public static void attachPolicy(
      WriteTransaction tx, String accountId, EntityRef entity, String arn, int maxAttached) {
    List<String> attached = tx.policies().attachedPolicies(entity.id());
    if (attached.contains(arn)) {
      return;
    }
    if (attached.size() >= maxAttached) {
      throw IamErrors.quota(attachQuota(entity.kind()), maxAttached);
    }
    tx.policies().attachPolicy(accountId, entity, arn);
  }

  private static String attachQuota(EntityKind kind) {
    return switch (kind) {
      case USER -> "PoliciesPerUser";
      case GROUP -> "PoliciesPerGroup";
      case ROLE -> "PoliciesPerRole";
    };
  }

  // ---------------------------------------------------------------- access keys

  static GatehouseException noSuchUserId(String userId) {
    return GatehouseException.noSuchEntity("The user with id " + userId + " cannot be found.");
  }

  /** {@code LimitExceeded} AccessKeysPerUser beyond {@code maxKeys} for the same owner. */
  static void createAccessKey(WriteTransaction tx, AccessKey key, String sealed, int maxKeys) {
    requireAccount(tx, key.accountId());
    if (tx.keys().accessKey(key.accessKeyId()).isPresent()) {
      throw IamErrors.accessKeyExists(key.accessKeyId());
    }
    if (key.owner() instanceof AccessKeyOwner.IamUser u
        && tx.users().userById(u.userId()).isEmpty()) {
      throw noSuchUserId(u.userId());
    }
    if (tx.keys().accessKeys(key.accountId(), key.owner()).size() >= maxKeys) {
      throw IamErrors.quota("AccessKeysPerUser", maxKeys);
    }
    unique(
        () -> tx.keys().createAccessKey(key, sealed),
        () -> IamErrors.accessKeyExists(key.accessKeyId()));
  }

  // ---------------------------------------------------------------- login profiles

  static void createLoginProfile(WriteTransaction tx, User owner, LoginProfile profile) {
    if (tx.passwords().loginProfile(owner.id()).isPresent()) {
      throw IamErrors.loginProfileExists(owner.name());
    }
    unique(
        () -> tx.passwords().createLoginProfile(profile),
        () -> IamErrors.loginProfileExists(owner.name()));
  }

  // ---------------------------------------------------------------- MFA devices

  /** Serial numbers are unique case-insensitively; an assigned user must exist. */
  public static void createMfaDevice(WriteTransaction tx, VirtualMfaDevice device) {
    requireAccount(tx, device.accountId());
    if (tx.mfa().mfaSerialTaken(device.serialNumber())) {
      throw VirtualMfaDevice.alreadyExists();
    }
    requireAssignee(tx, device);
    unique(() -> tx.mfa().createMfaDevice(device), VirtualMfaDevice::alreadyExists);
  }

  public static void updateMfaDevice(WriteTransaction tx, VirtualMfaDevice device) {
    if (tx.mfa().mfaDevice(device.serialNumber()).isEmpty()) {
      throw VirtualMfaDevice.noSuchDevice(device.serialNumber());
    }
    requireAssignee(tx, device);
    tx.mfa().updateMfaDevice(device);
  }

  private static void requireAssignee(ReadTransaction tx, VirtualMfaDevice device) {
    if (device.userId().isPresent() && tx.users().userById(device.userId().get()).isEmpty()) {
      throw noSuchUserId(device.userId().get());
    }
  }
}
