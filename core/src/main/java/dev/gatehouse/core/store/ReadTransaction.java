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
import java.util.ArrayList;
import java.util.HashMap;
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

  Optional<User> user(String accountId, String name);

  Optional<User> userById(String userId);

  List<User> users(String accountId);

  Optional<Group> group(String accountId, String name);

  List<Group> groups(String accountId);

  List<Group> groupsForUser(String userId);

  List<User> groupMembers(String groupId);

  Optional<Role> role(String accountId, String name);

  List<Role> roles(String accountId);

  /** When the role was last assumed, if ever. */
  Optional<RoleLastUsed> roleLastUsed(String roleId);

  /** The last use of every role of the account that was ever assumed, by role id. */
  Map<String, RoleLastUsed> rolesLastUsed(String accountId);

  Optional<InstanceProfile> instanceProfile(String accountId, String name);

  List<InstanceProfile> instanceProfiles(String accountId);

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

  /** A customer managed policy of {@code accountId} by ARN, with its attachment count. */
  Optional<ManagedPolicy> policy(String accountId, String arn);

  List<ManagedPolicy> policies(String accountId);

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

  /** Every stored session revocation (all accounts), ordered by kind and id. */
  List<SessionRevocation> sessionRevocations();

  /*
   * Counts and account-wide reads, so that a write's quota check and a snapshot's build cost a few
   * queries rather than one per entity. The defaults derive them from the reads above; adapters
   * answer them in one query each.
   */

  /** How many users the account has. */
  default int userCount(String accountId) {
    return users(accountId).size();
  }

  /** How many groups the account has. */
  default int groupCount(String accountId) {
    return groups(accountId).size();
  }

  /** How many roles the account has. */
  default int roleCount(String accountId) {
    return roles(accountId).size();
  }

  /** How many customer managed policies the account has. */
  default int policyCount(String accountId) {
    return policies(accountId).size();
  }

  /**
   * The inline policies of the account's users, groups and roles by owner id, each list ordered by
   * name as {@link #inlinePolicies} orders it; owners without any are absent.
   */
  default Map<String, List<InlinePolicy>> inlinePoliciesByOwner(String accountId) {
    Map<String, List<InlinePolicy>> out = new HashMap<>();
    for (String id : principalAndGroupIds(accountId)) {
      List<InlinePolicy> ps = inlinePolicies(id);
      if (!ps.isEmpty()) {
        out.put(id, ps);
      }
    }
    return out;
  }

  /**
   * The managed policy ARNs attached to the account's users, groups and roles by entity id, each
   * list ordered as {@link #attachedPolicies} orders it; entities without any are absent.
   */
  default Map<String, List<String>> attachedPoliciesByEntity(String accountId) {
    Map<String, List<String>> out = new HashMap<>();
    for (String id : principalAndGroupIds(accountId)) {
      List<String> arns = attachedPolicies(id);
      if (!arns.isEmpty()) {
        out.put(id, arns);
      }
    }
    return out;
  }

  /**
   * The tags of the account's users, roles and instance profiles by entity id, each list ordered as
   * {@link #tags} orders it; entities without any are absent.
   */
  default Map<String, List<Tag>> tagsByEntity(String accountId) {
    Map<String, List<Tag>> out = new HashMap<>();
    List<String> ids = new ArrayList<>();
    users(accountId).forEach(u -> ids.add(u.id()));
    roles(accountId).forEach(r -> ids.add(r.id()));
    instanceProfiles(accountId).forEach(p -> ids.add(p.id()));
    for (String id : ids) {
      List<Tag> tags = tags(id);
      if (!tags.isEmpty()) {
        out.put(id, tags);
      }
    }
    return out;
  }

  /**
   * The groups of each of the account's users by user id, each list ordered as {@link
   * #groupsForUser} orders it; users in no group are absent.
   */
  default Map<String, List<Group>> groupsByUser(String accountId) {
    Map<String, List<Group>> out = new HashMap<>();
    for (User u : users(accountId)) {
      List<Group> gs = groupsForUser(u.id());
      if (!gs.isEmpty()) {
        out.put(u.id(), gs);
      }
    }
    return out;
  }

  /** The document of the default version of each of the account's customer managed policies. */
  default Map<String, String> defaultPolicyDocuments(String accountId) {
    Map<String, String> out = new HashMap<>();
    for (ManagedPolicy p : policies(accountId)) {
      policyVersion(accountId, p.arn(), p.defaultVersionId())
          .ifPresent(v -> out.put(p.arn(), v.document()));
    }
    return out;
  }

  private List<String> principalAndGroupIds(String accountId) {
    List<String> ids = new ArrayList<>();
    users(accountId).forEach(u -> ids.add(u.id()));
    groups(accountId).forEach(g -> ids.add(g.id()));
    roles(accountId).forEach(r -> ids.add(r.id()));
    return ids;
  }
}
