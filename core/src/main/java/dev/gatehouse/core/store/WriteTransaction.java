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
 * Writes. Adapters only persist: they check no AWS rule and throw no AWS error. Uniqueness, quotas,
 * existence and AWS's deletion order are decided by the core services, which read what they need
 * through this transaction before writing (the check and the write commit together, see {@link
 * Store}). A write that breaks a unique constraint the store keeps as a last line of defence throws
 * {@link StoreConflict}, which the service turns into AWS's error. A write aimed at a row that is
 * not there changes nothing; methods whose callers need to know return whether a row was changed.
 */
public interface WriteTransaction extends ReadTransaction {

  void createAccount(Account account);

  /** Sets the account's one alias. */
  void setAccountAlias(String accountId, String alias);

  /** Returns false when the account does not have this alias. */
  boolean deleteAccountAlias(String accountId, String alias);

  void createUser(User user);

  /** Replaces the user with the same id (rename, move, boundary). */
  void updateUser(User user);

  /** Deletes a user and its tags. */
  void deleteUser(String userId);

  void createGroup(Group group);

  void updateGroup(Group group);

  /** Deletes a group. */
  void deleteGroup(String groupId);

  /** Returns false when the user was a member already. */
  boolean addUserToGroup(String userId, String groupId);

  /** Returns false when the user was not a member. */
  boolean removeUserFromGroup(String userId, String groupId);

  void createRole(Role role);

  /** Replaces the description, session duration, trust policy and boundary of the role. */
  void updateRole(Role role);

  /** Records an assumption of the role; returns false for an unknown role id. */
  boolean recordRoleUse(String roleId, RoleLastUsed lastUsed);

  /** Deletes a role, its tags and its last use. */
  void deleteRole(String roleId);

  void createInstanceProfile(InstanceProfile profile);

  /** Deletes an instance profile and its tags. */
  void deleteInstanceProfile(String instanceProfileId);

  /** Returns false when the role was in the instance profile already. */
  boolean addRoleToInstanceProfile(String instanceProfileId, String roleId);

  /** Returns false when the role was not in the instance profile. */
  boolean removeRoleFromInstanceProfile(String instanceProfileId, String roleId);

  void createOidcProvider(OidcProvider provider);

  /** Replaces the client ids and thumbprints of the provider with {@code provider.id()}. */
  void updateOidcProvider(OidcProvider provider);

  /** Deletes a provider and its tags; false when the account has none with that URL. */
  boolean deleteOidcProvider(String accountId, String url);

  /** Adds or replaces tags by key (case-insensitive). */
  void putTags(String entityId, List<Tag> tags);

  void removeTags(String entityId, List<String> keys);

  /** Creates a customer managed policy and its default version v1. */
  void createPolicy(ManagedPolicy policy, String document);

  /** Adds the next version of a policy (numbers are never reused) and returns it. */
  PolicyVersion createPolicyVersion(
      ManagedPolicy policy, String document, boolean setAsDefault, Instant now);

  void setDefaultPolicyVersion(ManagedPolicy policy, int versionNumber, Instant now);

  void deletePolicyVersion(ManagedPolicy policy, int versionNumber);

  /** Deletes a policy, its versions and its tags. */
  void deletePolicy(ManagedPolicy policy);

  /** Adds or replaces an inline policy by name (case-insensitive). */
  void putInlinePolicy(InlinePolicy policy);

  /** Returns false when there was no such policy. */
  boolean deleteInlinePolicy(String ownerId, String name);

  /** Attaches a managed policy; returns false when it was attached already. */
  boolean attachPolicy(String accountId, EntityRef entity, String policyArn);

  /** Returns false when the policy was not attached. */
  boolean detachPolicy(String entityId, String policyArn);

  void createAccessKey(AccessKey key, String sealedSecret);

  /** Returns false when there is no such key. */
  boolean updateAccessKeyStatus(String accessKeyId, AccessKeyStatus status);

  /** Returns false when there is no such key. */
  boolean deleteAccessKey(String accessKeyId);

  /** Returns false when there is no such key. */
  boolean recordAccessKeyUse(String accessKeyId, AccessKeyLastUsed lastUsed);

  /** Creates an organization with its management account as its first account. */
  void createOrganization(Organization organization, OrganizationAccount management);

  /** Adds an existing account to an existing organization with the tags it was created with. */
  void addOrganizationAccount(OrganizationAccount account, List<Tag> tags);

  /** Replaces the tags of an organization's account with {@code tags} (unique keys). */
  void replaceOrganizationAccountTags(String accountId, List<Tag> tags);

  /** Records a CreateAccount request (its id is new). */
  void recordCreateAccountStatus(CreateAccountStatus status);

  /** Stores a user's first console password. */
  void createLoginProfile(LoginProfile profile);

  /** Replaces a user's login profile. */
  void updateLoginProfile(LoginProfile profile);

  /** Returns false when the user had no login profile. */
  boolean deleteLoginProfile(String userId);

  /** Sets (or replaces) the hash of the account root user's console password. */
  void setRootPasswordHash(String accountId, String passwordHash);

  /** Sets (or replaces) the account's password policy. */
  void putPasswordPolicy(String accountId, PasswordPolicy policy);

  /** Returns false when the account had no password policy. */
  boolean deletePasswordPolicy(String accountId);

  /** Stores a new virtual MFA device. */
  void createMfaDevice(VirtualMfaDevice device);

  /**
   * Replaces the assignment, enable date and verifier state of the device with the same serial
   * number.
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
