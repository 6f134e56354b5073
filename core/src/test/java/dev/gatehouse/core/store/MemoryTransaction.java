package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import dev.gatehouse.core.org.OrganizationsErrors;
import dev.gatehouse.core.store.MemoryStore.AttachmentRow;
import dev.gatehouse.core.store.MemoryStore.KeyRow;
import dev.gatehouse.core.store.MemoryStore.Membership;
import dev.gatehouse.core.store.MemoryStore.PolicyRow;
import dev.gatehouse.core.store.MemoryStore.State;
import dev.gatehouse.core.store.MemoryStore.VersionRow;
import dev.gatehouse.core.sts.SessionRevocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One transaction of {@link MemoryStore} over a state it may mutate (a private draft). */
final class MemoryTransaction extends MemoryOidcProviderWrites {
  MemoryTransaction(State s) {
    super(s);
  }

  @Override
  public void recordRoleUse(String roleId, RoleLastUsed lastUsed) {
    if (!s.roles.containsKey(roleId)) {
      throw GatehouseException.noSuchEntity("The role with id " + roleId + " cannot be found.");
    }
    s.roleLastUsed.put(roleId, lastUsed);
  }

  private void requireAccount(String accountId) {
    if (!s.accounts.containsKey(accountId)) {
      throw IamErrors.noSuchAccount(accountId);
    }
  }

  @Override
  public void createAccount(Account account) {
    if (s.accounts.containsKey(account.id())) {
      throw IamErrors.accountExists(account.id());
    }
    s.accounts.put(account.id(), account);
  }

  @Override
  public void setAccountAlias(String accountId, String alias) {
    requireAccount(accountId);
    for (Map.Entry<String, String> e : s.aliases.entrySet()) {
      if (e.getValue().equals(alias) && !e.getKey().equals(accountId)) {
        throw IamErrors.aliasExists(alias);
      }
    }
    s.aliases.put(accountId, alias);
  }

  @Override
  public void deleteAccountAlias(String accountId, String alias) {
    if (!alias.equals(s.aliases.get(accountId))) {
      throw GatehouseException.noSuchEntity("The account alias " + alias + " cannot be found.");
    }
    s.aliases.remove(accountId);
  }

  @Override
  public void createUser(User user) {
    requireAccount(user.accountId());
    if (user(user.accountId(), user.name()).isPresent()) {
      throw IamErrors.userExists(user.name());
    }
    s.users.put(user.id(), user);
  }

  @Override
  public void updateUser(User user) {
    User old = s.users.get(user.id());
    if (old == null) {
      throw IamErrors.noSuchUser(user.name());
    }
    if (!lower(old.name()).equals(lower(user.name()))
        && user(user.accountId(), user.name()).isPresent()) {
      throw IamErrors.userExists(user.name());
    }
    s.users.put(user.id(), user);
  }

  private boolean hasInline(String id) {
    return !s.inline.getOrDefault(id, new TreeMap<>()).isEmpty();
  }

  private boolean hasAttached(String id) {
    return !s.attachments.getOrDefault(id, new TreeMap<>()).isEmpty();
  }

  @Override
  public void deleteUser(String accountId, String name) {
    User u = user(accountId, name).orElseThrow(() -> IamErrors.noSuchUser(name));
    if (s.loginProfiles.containsKey(u.id())) {
      throw IamErrors.mustDeleteLoginProfile();
    }
    if (s.keys.values().stream()
        .anyMatch(k -> k.key().owner().equals(new AccessKeyOwner.IamUser(u.id())))) {
      throw IamErrors.mustDeleteAccessKeys();
    }
    if (hasInline(u.id())) {
      throw IamErrors.mustDeletePolicies();
    }
    if (hasAttached(u.id())) {
      throw IamErrors.mustDetachPolicies();
    }
    if (s.members.stream().anyMatch(m -> m.userId().equals(u.id()))) {
      throw IamErrors.mustRemoveFromGroups();
    }
    if (s.mfaDevices.values().stream().anyMatch(d -> d.userId().equals(Optional.of(u.id())))) {
      throw IamErrors.mustDeleteMfaDevice();
    }
    s.tags.remove(u.id());
    s.users.remove(u.id());
  }

  @Override
  public void createGroup(Group group) {
    requireAccount(group.accountId());
    if (group(group.accountId(), group.name()).isPresent()) {
      throw IamErrors.groupExists(group.name());
    }
    s.groups.put(group.id(), group);
  }

  @Override
  public void updateGroup(Group group) {
    Group old = s.groups.get(group.id());
    if (old == null) {
      throw IamErrors.noSuchGroup(group.name());
    }
    if (!lower(old.name()).equals(lower(group.name()))
        && group(group.accountId(), group.name()).isPresent()) {
      throw IamErrors.groupExists(group.name());
    }
    s.groups.put(group.id(), group);
  }

  @Override
  public void deleteGroup(String accountId, String name) {
    Group g = group(accountId, name).orElseThrow(() -> IamErrors.noSuchGroup(name));
    if (s.members.stream().anyMatch(m -> m.groupId().equals(g.id()))) {
      throw IamErrors.mustRemoveFromGroups();
    }
    if (hasInline(g.id())) {
      throw IamErrors.mustDeletePolicies();
    }
    if (hasAttached(g.id())) {
      throw IamErrors.mustDetachPolicies();
    }
    s.groups.remove(g.id());
  }

  @Override
  public void addUserToGroup(User user, Group group, int maxGroupsPerUser) {
    Membership m = new Membership(group.id(), user.id());
    if (s.members.contains(m)) {
      return;
    }
    if (s.members.stream().filter(x -> x.userId().equals(user.id())).count() >= maxGroupsPerUser) {
      throw IamErrors.quota("GroupsPerUser", maxGroupsPerUser);
    }
    s.members.add(m);
  }

  @Override
  public boolean removeUserFromGroup(String userId, String groupId) {
    return s.members.remove(new Membership(groupId, userId));
  }

  @Override
  public void createRole(Role role) {
    requireAccount(role.accountId());
    if (role(role.accountId(), role.name()).isPresent()) {
      throw IamErrors.roleExists(role.name());
    }
    s.roles.put(role.id(), role);
  }

  @Override
  public void updateRole(Role role) {
    Role old = s.roles.get(role.id());
    if (old == null) {
      throw IamErrors.noSuchRole(role.name());
    }
    s.roles.put(
        role.id(),
        old.withDescription(role.description())
            .withMaxSessionDuration(role.maxSessionDuration())
            .withAssumeRolePolicyDocument(role.assumeRolePolicyDocument())
            .withPermissionsBoundary(role.permissionsBoundaryArn()));
  }

  @Override
  public void deleteRole(String accountId, String name) {
    Role r = role(accountId, name).orElseThrow(() -> IamErrors.noSuchRole(name));
    if (hasInline(r.id())) {
      throw IamErrors.mustDeletePolicies();
    }
    if (hasAttached(r.id())) {
      throw IamErrors.mustDetachPolicies();
    }
    if (!instanceProfilesForRole(r.id()).isEmpty()) {
      throw IamErrors.mustRemoveRolesFromInstanceProfile();
    }
    s.tags.remove(r.id());
    s.roleLastUsed.remove(r.id());
    s.roles.remove(r.id());
  }

  @Override
  public void putTags(String entityId, List<Tag> tags, int maxTags) {
    TreeMap<String, Tag> merged = new TreeMap<>(s.tags.getOrDefault(entityId, new TreeMap<>()));
    for (Tag t : tags) {
      merged.put(lower(t.key()), t);
    }
    if (merged.size() > maxTags) {
      throw IamErrors.tagLimit(maxTags);
    }
    if (!merged.isEmpty()) {
      s.tags.put(entityId, merged);
    }
  }

  @Override
  public void removeTags(String entityId, List<String> keys) {
    TreeMap<String, Tag> m = s.tags.get(entityId);
    if (m != null) {
      keys.forEach(k -> m.remove(lower(k)));
    }
  }

  @Override
  public void createPolicy(ManagedPolicy policy, String document) {
    requireAccount(policy.accountId());
    if (s.policies.values().stream()
        .anyMatch(
            r ->
                r.policy().accountId().equals(policy.accountId())
                    && lower(r.policy().name()).equals(lower(policy.name())))) {
      throw IamErrors.policyExists(policy.name());
    }
    s.policies.put(policy.arn(), new PolicyRow(policy, 1, 2));
    TreeMap<Integer, VersionRow> v = new TreeMap<>();
    v.put(1, new VersionRow(document, policy.createDate()));
    s.versions.put(policy.arn(), v);
  }

  private PolicyRow requirePolicy(String accountId, String arn) {
    PolicyRow row = s.policies.get(arn);
    if (row == null || !row.policy().accountId().equals(accountId)) {
      throw IamErrors.noSuchPolicy(arn);
    }
    return row;
  }

  private void touch(PolicyRow row, int defaultVersion, int nextVersion, Instant now) {
    ManagedPolicy p = row.policy();
    ManagedPolicy updated =
        new ManagedPolicy(
            p.accountId(),
            p.name(),
            p.id(),
            p.path(),
            p.defaultVersionId(),
            p.description(),
            p.createDate(),
            now,
            true,
            0);
    s.policies.put(p.arn(), new PolicyRow(updated, defaultVersion, nextVersion));
  }

  @Override
  public PolicyVersion createPolicyVersion(
      String accountId,
      String policyArn,
      String document,
      boolean setAsDefault,
      Instant now,
      int maxVersions) {
    PolicyRow row = requirePolicy(accountId, policyArn);
    TreeMap<Integer, VersionRow> versions = s.versions.get(policyArn);
    if (versions.size() >= maxVersions) {
      throw IamErrors.policyVersionLimit(maxVersions);
    }
    int n = row.nextVersion();
    versions.put(n, new VersionRow(document, now));
    touch(row, setAsDefault ? n : row.defaultVersion(), n + 1, now);
    return new PolicyVersion(policyArn, "v" + n, document, setAsDefault, now);
  }

  @Override
  public void setDefaultPolicyVersion(
      String accountId, String policyArn, String versionId, Instant now) {
    PolicyRow row = requirePolicy(accountId, policyArn);
    PolicyVersion v =
        policyVersion(accountId, policyArn, versionId)
            .orElseThrow(() -> IamErrors.noSuchPolicyVersion(policyArn, versionId));
    touch(row, v.number(), row.nextVersion(), now);
  }

  @Override
  public void deletePolicyVersion(String accountId, String policyArn, String versionId) {
    requirePolicy(accountId, policyArn);
    PolicyVersion v =
        policyVersion(accountId, policyArn, versionId)
            .orElseThrow(() -> IamErrors.noSuchPolicyVersion(policyArn, versionId));
    if (v.isDefault()) {
      throw IamErrors.cannotDeleteDefaultVersion();
    }
    s.versions.get(policyArn).remove(v.number());
  }

  @Override
  public void deletePolicy(String accountId, String policyArn) {
    PolicyRow row = requirePolicy(accountId, policyArn);
    if (attachmentCount(policyArn) > 0
        || s.users.values().stream().anyMatch(u -> u.permissionsBoundaryArn().equals(policyArn))
        || s.roles.values().stream().anyMatch(r -> r.permissionsBoundaryArn().equals(policyArn))) {
      throw IamErrors.policyAttached();
    }
    if (s.versions.get(policyArn).size() > 1) {
      throw IamErrors.policyHasVersions();
    }
    s.versions.remove(policyArn);
    s.tags.remove(row.policy().id());
    s.policies.remove(policyArn);
  }

  @Override
  public void putInlinePolicy(InlinePolicy policy) {
    s.inline
        .computeIfAbsent(policy.ownerId(), k -> new TreeMap<>())
        .put(lower(policy.name()), policy);
  }

  @Override
  public boolean deleteInlinePolicy(String ownerId, String name) {
    TreeMap<String, InlinePolicy> m = s.inline.get(ownerId);
    return m != null && m.remove(lower(name)) != null;
  }

  @Override
  public void attachPolicy(String accountId, EntityRef entity, String policyArn, int maxAttached) {
    TreeMap<String, AttachmentRow> m =
        s.attachments.computeIfAbsent(entity.id(), k -> new TreeMap<>());
    if (m.containsKey(policyArn)) {
      return;
    }
    if (m.size() >= maxAttached) {
      String quota =
          entity.kind() == EntityKind.USER
              ? "PoliciesPerUser"
              : entity.kind() == EntityKind.GROUP ? "PoliciesPerGroup" : "PoliciesPerRole";
      throw IamErrors.quota(quota, maxAttached);
    }
    m.put(policyArn, new AttachmentRow(accountId, entity, policyArn));
  }

  @Override
  public boolean detachPolicy(String entityId, String policyArn) {
    TreeMap<String, AttachmentRow> m = s.attachments.get(entityId);
    return m != null && m.remove(policyArn) != null;
  }

  @Override
  public void createAccessKey(AccessKey key, String sealedSecret, int maxKeysPerOwner) {
    requireAccount(key.accountId());
    if (s.keys.containsKey(key.accessKeyId())) {
      throw IamErrors.accessKeyExists(key.accessKeyId());
    }
    if (key.owner() instanceof AccessKeyOwner.IamUser u && !s.users.containsKey(u.userId())) {
      throw GatehouseException.noSuchEntity("The user with id " + u.userId() + " cannot be found.");
    }
    if (accessKeys(key.accountId(), key.owner()).size() >= maxKeysPerOwner) {
      throw IamErrors.quota("AccessKeysPerUser", maxKeysPerOwner);
    }
    s.keys.put(key.accessKeyId(), new KeyRow(key, sealedSecret, null));
  }

  private KeyRow requireKey(String accessKeyId) {
    KeyRow row = s.keys.get(accessKeyId);
    if (row == null) {
      throw IamErrors.noSuchAccessKey(accessKeyId);
    }
    return row;
  }

  @Override
  public void updateAccessKeyStatus(String accessKeyId, AccessKeyStatus status) {
    KeyRow row = requireKey(accessKeyId);
    s.keys.put(
        accessKeyId, new KeyRow(row.key().withStatus(status), row.sealedSecret(), row.lastUsed()));
  }

  @Override
  public void deleteAccessKey(String accessKeyId) {
    requireKey(accessKeyId);
    s.keys.remove(accessKeyId);
  }

  @Override
  public void recordAccessKeyUse(String accessKeyId, AccessKeyLastUsed lastUsed) {
    KeyRow row = requireKey(accessKeyId);
    s.keys.put(accessKeyId, new KeyRow(row.key(), row.sealedSecret(), lastUsed));
  }

  @Override
  public void createOrganization(Organization organization, OrganizationAccount management) {
    requireAccount(management.accountId());
    if (s.organizationAccounts.containsKey(management.accountId())) {
      throw OrganizationsErrors.alreadyInOrganization();
    }
    s.organizations.put(organization.id(), organization);
    s.organizationAccounts.put(management.accountId(), management);
  }

  @Override
  public void addOrganizationAccount(OrganizationAccount account, List<Tag> tags) {
    requireAccount(account.accountId());
    if (s.organizationAccounts.containsKey(account.accountId())
        || (!account.email().isEmpty() && organizationEmailInUse(account.email()))) {
      throw OrganizationsErrors.duplicateAccount();
    }
    s.organizationAccounts.put(account.accountId(), account);
    s.organizationTags.put(account.accountId(), List.copyOf(tags));
  }

  @Override
  public void replaceOrganizationAccountTags(String accountId, List<Tag> tags) {
    if (!s.organizationAccounts.containsKey(accountId)) {
      throw OrganizationsErrors.targetNotFound();
    }
    s.organizationTags.put(accountId, List.copyOf(tags));
  }

  @Override
  public void recordCreateAccountStatus(CreateAccountStatus status) {
    s.createAccountStatuses.put(status.id(), status);
  }

  private User profileOwner(String userId) {
    User u = s.users.get(userId);
    if (u == null) {
      throw GatehouseException.noSuchEntity("The user with id " + userId + " cannot be found.");
    }
    return u;
  }

  @Override
  public void createLoginProfile(LoginProfile profile) {
    User u = profileOwner(profile.userId());
    if (s.loginProfiles.containsKey(u.id())) {
      throw IamErrors.loginProfileExists(u.name());
    }
    s.loginProfiles.put(u.id(), profile);
  }

  @Override
  public void updateLoginProfile(LoginProfile profile) {
    User u = profileOwner(profile.userId());
    if (!s.loginProfiles.containsKey(u.id())) {
      throw IamErrors.noSuchLoginProfile(u.name());
    }
    s.loginProfiles.put(u.id(), profile);
  }

  @Override
  public boolean deleteLoginProfile(String userId) {
    return s.loginProfiles.remove(userId) != null;
  }

  @Override
  public void setRootPasswordHash(String accountId, String passwordHash) {
    requireAccount(accountId);
    s.rootPasswords.put(accountId, passwordHash);
  }

  @Override
  public void putPasswordPolicy(String accountId, PasswordPolicy policy) {
    requireAccount(accountId);
    s.passwordPolicies.put(accountId, policy);
  }

  @Override
  public boolean deletePasswordPolicy(String accountId) {
    return s.passwordPolicies.remove(accountId) != null;
  }

  @Override
  public void createMfaDevice(VirtualMfaDevice device) {
    requireAccount(device.accountId());
    if (s.mfaDevices.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(device.serialNumber()))) {
      throw VirtualMfaDevice.alreadyExists();
    }
    requireUser(device);
    s.mfaDevices.put(device.serialNumber(), device);
  }

  @Override
  public void updateMfaDevice(VirtualMfaDevice device) {
    if (!s.mfaDevices.containsKey(device.serialNumber())) {
      throw VirtualMfaDevice.noSuchDevice(device.serialNumber());
    }
    requireUser(device);
    s.mfaDevices.put(device.serialNumber(), device);
  }

  private void requireUser(VirtualMfaDevice device) {
    device
        .userId()
        .ifPresent(
            id -> {
              if (!s.users.containsKey(id)) {
                throw GatehouseException.noSuchEntity(
                    "The user with id " + id + " cannot be found.");
              }
            });
  }

  @Override
  public boolean replaceMfaDeviceState(String serialNumber, TotpState expected, TotpState next) {
    VirtualMfaDevice d = s.mfaDevices.get(serialNumber);
    if (d == null || !d.state().equals(expected)) {
      return false;
    }
    s.mfaDevices.put(serialNumber, d.withState(next));
    return true;
  }

  @Override
  public boolean deleteMfaDevice(String serialNumber) {
    return s.mfaDevices.remove(serialNumber) != null;
  }

  @Override
  public void putSessionRevocation(SessionRevocation revocation) {
    s.revocations.merge(
        revocation.kind() + " " + revocation.id(),
        revocation,
        (old, neu) -> neu.at().isAfter(old.at()) ? neu : old);
  }

  @Override
  public int pruneSessionRevocations(Instant oldest) {
    int before = s.revocations.size();
    s.revocations.values().removeIf(r -> !r.at().isAfter(oldest));
    return before - s.revocations.size();
  }
}
