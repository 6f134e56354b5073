package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import dev.gatehouse.core.sts.SessionRevocation;
import java.time.Instant;
import java.util.List;

/**
 * Writes. Each method keeps the domain's invariants and throws {@link
 * dev.gatehouse.core.error.GatehouseException} with AWS's code and text when one would break:
 * uniqueness ({@code EntityAlreadyExists}), existence ({@code NoSuchEntity}), quotas passed in by
 * the caller ({@code LimitExceeded}) and AWS's deletion order ({@code DeleteConflict}).
 */
public interface WriteTransaction extends ReadTransaction {

  void createAccount(Account account);

  /** Sets the account's one alias; aliases are unique across all accounts. */
  void setAccountAlias(String accountId, String alias);

  void deleteAccountAlias(String accountId, String alias);

  void createUser(User user);

  /** Replaces the user with the same id (rename, move, boundary). */
  void updateUser(User user);

  /**
   * Deletes a user that has no login profile, access keys, inline or attached policies, no group
   * memberships and no MFA device enabled (spec: DeleteUser "you must delete the items attached to
   * the user manually").
   */
  void deleteUser(String accountId, String name);

  void createGroup(Group group);

  void updateGroup(Group group);

  /** Deletes a group with no members and no inline or attached policies. */
  void deleteGroup(String accountId, String name);

  /** Idempotent; {@code LimitExceeded} GroupsPerUser beyond {@code maxGroupsPerUser}. */
  void addUserToGroup(User user, Group group, int maxGroupsPerUser);

  /** Returns false when the user was not a member. */
  boolean removeUserFromGroup(String userId, String groupId);

  void createRole(Role role);

  void updateRole(Role role);

  /** Records an assumption of the role ({@code NoSuchEntity} for an unknown role id). */
  void recordRoleUse(String roleId, RoleLastUsed lastUsed);

  void createInstanceProfile(InstanceProfile profile);

  /** Deletes an instance profile with no role, and its tags. */
  void deleteInstanceProfile(String accountId, String name);

  /**
   * Adds a role to an instance profile; {@code LimitExceeded} InstanceSessionsPerInstanceProfile
   * when the profile already has {@code maxRoles} roles (the same role included).
   */
  void addRoleToInstanceProfile(String instanceProfileId, String roleId, int maxRoles);

  /** Returns false when the role was not in the instance profile. */
  boolean removeRoleFromInstanceProfile(String instanceProfileId, String roleId);

  /** {@code EntityAlreadyExists} when the account has a provider with the same URL. */
  void createOidcProvider(OidcProvider provider);

  /**
   * Replaces the client ids and thumbprints of the provider with {@code provider.id()} ({@code
   * NoSuchEntity} when there is none).
   */
  void updateOidcProvider(OidcProvider provider);

  /** Deletes a provider and its tags; false when the account has none with that URL. */
  boolean deleteOidcProvider(String accountId, String url);

  /** Deletes a role with no inline or attached policies and in no instance profile. */
  void deleteRole(String accountId, String name);

  /** Adds or replaces tags by key (case-insensitive); at most {@code maxTags} in all. */
  void putTags(String entityId, List<Tag> tags, int maxTags);

  void removeTags(String entityId, List<String> keys);

  /** Creates a customer managed policy and its default version v1. */
  void createPolicy(ManagedPolicy policy, String document);

  /** Adds version v(N+1); {@code LimitExceeded} when {@code maxVersions} versions already exist. */
  PolicyVersion createPolicyVersion(
      String accountId,
      String policyArn,
      String document,
      boolean setAsDefault,
      Instant now,
      int maxVersions);

  void setDefaultPolicyVersion(String accountId, String policyArn, String versionId, Instant now);

  /** Deletes a non-default version. */
  void deletePolicyVersion(String accountId, String policyArn, String versionId);

  /**
   * Deletes a policy with no attachments, used as no user's or role's permissions boundary, and
   * with only its default version left.
   */
  void deletePolicy(String accountId, String policyArn);

  /** Adds or replaces an inline policy by name (case-insensitive). */
  void putInlinePolicy(InlinePolicy policy);

  /** Returns false when there was no such policy. */
  boolean deleteInlinePolicy(String ownerId, String name);

  /**
   * Attaches a managed policy (idempotent); {@code LimitExceeded} PoliciesPerUser/Group/Role beyond
   * {@code maxAttached}.
   */
  void attachPolicy(String accountId, EntityRef entity, String policyArn, int maxAttached);

  /** Returns false when the policy was not attached. */
  boolean detachPolicy(String entityId, String policyArn);

  /** Stores a key; {@code LimitExceeded} AccessKeysPerUser beyond {@code maxKeysPerOwner}. */
  void createAccessKey(AccessKey key, String sealedSecret, int maxKeysPerOwner);

  void updateAccessKeyStatus(String accessKeyId, AccessKeyStatus status);

  void deleteAccessKey(String accessKeyId);

  void recordAccessKeyUse(String accessKeyId, AccessKeyLastUsed lastUsed);

  /**
   * Creates an organization with its management account as its first account; {@code
   * AlreadyInOrganizationException} when that account belongs to an organization already.
   */
  void createOrganization(Organization organization, OrganizationAccount management);

  /**
   * Adds an existing account to an existing organization with the tags it was created with; {@code
   * DuplicateAccountException} when the account, or another with the same e-mail address, belongs
   * to an organization already.
   */
  void addOrganizationAccount(OrganizationAccount account, List<Tag> tags);

  /**
   * Replaces the tags of an organization's account with {@code tags} (unique keys; empty removes
   * them all); {@code TargetNotFoundException} when the account belongs to no organization.
   */
  void replaceOrganizationAccountTags(String accountId, List<Tag> tags);

  /** Records a CreateAccount request (its id is new). */
  void recordCreateAccountStatus(CreateAccountStatus status);

  /**
   * Stores a user's first console password: {@code NoSuchEntity} for an unknown user id, {@code
   * EntityAlreadyExists} when the user has one.
   */
  void createLoginProfile(LoginProfile profile);

  /** Replaces a user's login profile; {@code NoSuchEntity} when the user has none. */
  void updateLoginProfile(LoginProfile profile);

  /** Returns false when the user had no login profile. */
  boolean deleteLoginProfile(String userId);

  /** Sets (or replaces) the hash of the account root user's console password. */
  void setRootPasswordHash(String accountId, String passwordHash);

  /** Sets (or replaces) the account's password policy. */
  void putPasswordPolicy(String accountId, PasswordPolicy policy);

  /** Returns false when the account had no password policy. */
  boolean deletePasswordPolicy(String accountId);

  /**
   * Stores a new virtual MFA device; {@code EntityAlreadyExists} when its serial number is taken
   * (case-insensitively).
   */
  void createMfaDevice(VirtualMfaDevice device);

  /**
   * Replaces the assignment, enable date and verifier state of the device with the same serial
   * number ({@code NoSuchEntity} when there is none).
   */
  void updateMfaDevice(VirtualMfaDevice device);

  /**
   * Compare-and-set of a device's verifier state: stores {@code next} only when the stored state is
   * still {@code expected}. Returns false (and changes nothing) otherwise, or when the device is
   * gone. Accepting an MFA code goes through here, so a code is accepted once across all nodes.
   */
  boolean replaceMfaDeviceState(String serialNumber, TotpState expected, TotpState next);

  /** Returns false when there was no such device. */
  boolean deleteMfaDevice(String serialNumber);

  /** Adds a revocation; one already stored for the same kind and id keeps the later time. */
  void putSessionRevocation(SessionRevocation revocation);

  /** Deletes the revocations made at or before {@code oldest}; returns how many. */
  int pruneSessionRevocations(Instant oldest);
}
