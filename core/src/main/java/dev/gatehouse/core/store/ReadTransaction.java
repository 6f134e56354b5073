package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
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
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import dev.gatehouse.core.sts.SessionRevocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads. Names are matched case-insensitively (spec: IAM quotas page, "names are not distinguished
 * by case"); lists are ordered by lower-cased name, or by key id, for paging.
 */
public interface ReadTransaction {

  Optional<Account> account(String accountId);

  List<Account> accounts();

  Optional<String> accountAlias(String accountId);

  /** The account that has this alias, if any. */
  Optional<String> accountWithAlias(String alias);

  Optional<User> user(String accountId, String name);

  Optional<User> userById(String userId);

  List<User> users(String accountId);

  /** How many users the account has (a COUNT, for the quota). */
  int userCount(String accountId);

  Optional<Group> group(String accountId, String name);

  List<Group> groups(String accountId);

  /** How many groups the account has (a COUNT, for the quota). */
  int groupCount(String accountId);

  List<Group> groupsForUser(String userId);

  List<User> groupMembers(String groupId);

  Optional<Role> role(String accountId, String name);

  List<Role> roles(String accountId);

  /** How many roles the account has (a COUNT, for the quota). */
  int roleCount(String accountId);

  /** When the role was last assumed, if ever. */
  Optional<RoleLastUsed> roleLastUsed(String roleId);

  /** The last use of every role of the account that was ever assumed, by role id. */
  Map<String, RoleLastUsed> rolesLastUsed(String accountId);

  Optional<InstanceProfile> instanceProfile(String accountId, String name);

  List<InstanceProfile> instanceProfiles(String accountId);

  /** How many instance profiles the account has (a COUNT, for the quota). */
  int instanceProfileCount(String accountId);

  /** The roles of an instance profile (at most one, by AWS's quota), ordered by name. */
  List<Role> instanceProfileRoles(String instanceProfileId);

  /** The instance profiles a role is in, ordered by name. */
  List<InstanceProfile> instanceProfilesForRole(String roleId);

  /**
   * An OpenID Connect provider by its URL without {@code https://} (the end of its ARN), compared
   * exactly.
   */
  Optional<OidcProvider> oidcProvider(String accountId, String url);

  /** The account's OpenID Connect providers, ordered by URL. */
  List<OidcProvider> oidcProviders(String accountId);

  /** How many OpenID Connect providers the account has (a COUNT, for the quota). */
  int oidcProviderCount(String accountId);

  /** A customer managed policy of {@code accountId} by ARN, with its attachment count. */
  Optional<ManagedPolicy> policy(String accountId, String arn);

  List<ManagedPolicy> policies(String accountId);

  /** A customer managed policy of {@code accountId} by name (case-insensitively), any path. */
  Optional<ManagedPolicy> policyByName(String accountId, String name);

  /** How many customer managed policies the account has (a COUNT, for the quota). */
  int policyCount(String accountId);

  /** How many users and roles (any account) have this policy as permissions boundary. */
  int boundaryUseCount(String policyArn);

  /** Versions of a customer managed policy, ordered by version number. */
  List<PolicyVersion> policyVersions(String accountId, String policyArn);

  Optional<PolicyVersion> policyVersion(String accountId, String policyArn, String versionId);

  Optional<InlinePolicy> inlinePolicy(String ownerId, String name);

  List<InlinePolicy> inlinePolicies(String ownerId);

  /** ARNs of the managed policies attached to a user, group or role, ordered. */
  List<String> attachedPolicies(String entityId);

  /**
   * The users, groups and roles of {@code accountId} a managed policy (any owner) is attached to.
   */
  List<EntityRef> entitiesForPolicy(String accountId, String policyArn);

  /**
   * How many users, groups and roles of {@code accountId} each managed policy (customer or AWS) is
   * attached to; policies attached nowhere are absent.
   */
  Map<String, Integer> attachmentCounts(String accountId);

  List<Tag> tags(String entityId);

  Optional<AccessKey> accessKey(String accessKeyId);

  /** The sealed secret of an access key, as stored. */
  Optional<String> sealedSecret(String accessKeyId);

  List<AccessKey> accessKeys(String accountId, AccessKeyOwner owner);

  Optional<AccessKeyLastUsed> accessKeyLastUsed(String accessKeyId);

  /** The organization {@code accountId} belongs to, as its management account or a member. */
  Optional<Organization> organizationOf(String accountId);

  /** The membership of an account in its organization, if it belongs to one. */
  Optional<OrganizationAccount> organizationAccount(String accountId);

  /** The accounts of an organization, the management account included, ordered by account id. */
  List<OrganizationAccount> organizationAccounts(String organizationId);

  /** Whether an account of any organization has this e-mail address (case-insensitively). */
  boolean organizationEmailInUse(String email);

  /** The tags of an organization's account, ordered by key. */
  List<Tag> organizationAccountTags(String accountId);

  /** A CreateAccount request by id. */
  Optional<CreateAccountStatus> createAccountStatus(String requestId);

  /** The console password of a user, by user id. */
  Optional<LoginProfile> loginProfile(String userId);

  /** The hash of the account root user's console password, if one is set. */
  Optional<String> rootPasswordHash(String accountId);

  /** The account's password policy, if one is set. */
  Optional<PasswordPolicy> passwordPolicy(String accountId);

  /** A virtual MFA device by its exact serial number. */
  Optional<VirtualMfaDevice> mfaDevice(String serialNumber);

  /** The virtual MFA devices of an account, ordered by serial number. */
  List<VirtualMfaDevice> mfaDevices(String accountId);

  /** Whether a device has this serial number, compared case-insensitively. */
  boolean mfaSerialTaken(String serialNumber);

  /** Whether the user has a virtual MFA device assigned. */
  boolean userHasMfaDevice(String userId);

  /** Every stored session revocation (all accounts), ordered by kind and id. */
  List<SessionRevocation> sessionRevocations();
}
