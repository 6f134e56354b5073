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
import dev.gatehouse.core.store.MemoryStore.AttachmentRow;
import dev.gatehouse.core.store.MemoryStore.KeyRow;
import dev.gatehouse.core.store.MemoryStore.Membership;
import dev.gatehouse.core.store.MemoryStore.PolicyRow;
import dev.gatehouse.core.store.MemoryStore.State;
import dev.gatehouse.core.store.MemoryStore.VersionRow;
import dev.gatehouse.core.sts.SessionRevocation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One transaction of {@link MemoryStore} over a state it may mutate (a private draft). It only
 * persists: the rules are the core services'. Like the SQL adapters' unique constraints, it throws
 * {@link StoreConflict} when a write would duplicate a unique key.
 */
final class MemoryTransaction extends MemoryReads
    implements WriteTransaction,
        AccountWrites,
        UserWrites,
        GroupWrites,
        RoleWrites,
        InstanceProfileWrites,
        OidcProviderWrites,
        PolicyWrites,
        InlinePolicyWrites,
        TagWrites,
        KeyWrites,
        PasswordWrites,
        MfaWrites,
        SessionWrites,
        OrganizationWrites {
  MemoryTransaction(State s) {
    super(s);
  }

  @Override
  public AccountWrites accounts() {
    return this;
  }

  @Override
  public UserWrites users() {
    return this;
  }

  @Override
  public GroupWrites groups() {
    return this;
  }

  @Override
  public RoleWrites roles() {
    return this;
  }

  @Override
  public InstanceProfileWrites instanceProfiles() {
    return this;
  }

  @Override
  public OidcProviderWrites oidcProviders() {
    return this;
  }

  @Override
  public SamlProviderWrites samlProviders() {
    return new MemorySamlProviders(s);
  }

  @Override
  public UserCertificateWrites userCertificates() {
    return new MemoryUserCertificates(s);
  }

  @Override
  public ServerCertificateWrites serverCertificates() {
    return new MemoryServerCertificates(s);
  }

  @Override
  public PolicyWrites policies() {
    return this;
  }

  @Override
  public InlinePolicyWrites inlinePolicies() {
    return this;
  }

  @Override
  public TagWrites tags() {
    return this;
  }

  @Override
  public KeyWrites keys() {
    return this;
  }

  @Override
  public PasswordWrites passwords() {
    return this;
  }

  @Override
  public MfaWrites mfa() {
    return this;
  }

  @Override
  public AccessGrantWrites accessGrants() {
    return new MemoryAccessGrants(s);
  }

  @Override
  public SessionWrites sessions() {
    return this;
  }

  @Override
  public OrganizationWrites organizations() {
    return this;
  }

  @Override
  public JobWrites jobs() {
    return new MemoryJobs(s);
  }

  @Override
  public MilestoneWrites milestones() {
    return new MemoryMilestones(s);
  }

  @Override
  public ServiceAccessWrites serviceAccess() {
    return new MemoryServiceAccess(s);
  }

  private static void unique(boolean taken, String what) {
    if (taken) {
      throw new StoreConflict("duplicate " + what, null);
    }
  }

  @Override
  public void createAccount(Account account) {
    unique(s.accounts.containsKey(account.id()), "account");
    s.accounts.put(account.id(), account);
  }

  @Override
  public void setAccountAlias(String accountId, String alias) {
    unique(accountWithAlias(alias).filter(a -> !a.equals(accountId)).isPresent(), "alias");
    s.aliases.put(accountId, alias);
  }

  @Override
  public boolean deleteAccountAlias(String accountId, String alias) {
    return s.aliases.remove(accountId, alias);
  }

  @Override
  public void createUser(User user) {
    unique(user(user.accountId(), user.name()).isPresent(), "user name");
    s.users.put(user.id(), user);
  }

  @Override
  public void updateUser(User user) {
    unique(
        user(user.accountId(), user.name()).filter(u -> !u.id().equals(user.id())).isPresent(),
        "user name");
    s.users.put(user.id(), user);
  }

  @Override
  public void deleteUser(String userId) {
    s.tags.remove(userId);
    s.users.remove(userId);
  }

  @Override
  public void createGroup(Group group) {
    unique(group(group.accountId(), group.name()).isPresent(), "group name");
    s.groups.put(group.id(), group);
  }

  @Override
  public void updateGroup(Group group) {
    unique(
        group(group.accountId(), group.name()).filter(g -> !g.id().equals(group.id())).isPresent(),
        "group name");
    s.groups.put(group.id(), group);
  }

  @Override
  public void deleteGroup(String groupId) {
    s.groups.remove(groupId);
  }

  @Override
  public boolean addUserToGroup(String userId, String groupId) {
    return s.members.add(new Membership(groupId, userId));
  }

  @Override
  public boolean removeUserFromGroup(String userId, String groupId) {
    return s.members.remove(new Membership(groupId, userId));
  }

  @Override
  public void createRole(Role role) {
    unique(role(role.accountId(), role.name()).isPresent(), "role name");
    s.roles.put(role.id(), role);
  }

  @Override
  public void updateRole(Role role) {
    Role old = s.roles.get(role.id());
    if (old != null) {
      s.roles.put(
          role.id(),
          old.withDescription(role.description())
              .withMaxSessionDuration(role.maxSessionDuration())
              .withAssumeRolePolicyDocument(role.assumeRolePolicyDocument())
              .withPermissionsBoundary(role.permissionsBoundaryArn()));
    }
  }

  @Override
  public boolean recordRoleUse(String roleId, RoleLastUsed lastUsed) {
    if (!s.roles.containsKey(roleId)) {
      return false;
    }
    s.roleLastUsed.put(roleId, lastUsed);
    return true;
  }

  @Override
  public void deleteRole(String roleId) {
    s.tags.remove(roleId);
    s.roleLastUsed.remove(roleId);
    s.roles.remove(roleId);
  }

  @Override
  public void createInstanceProfile(InstanceProfile profile) {
    unique(
        instanceProfile(profile.accountId(), profile.name()).isPresent(), "instance profile name");
    s.instanceProfiles.put(profile.id(), profile);
  }

  @Override
  public void deleteInstanceProfile(String instanceProfileId) {
    s.tags.remove(instanceProfileId);
    s.instanceProfiles.remove(instanceProfileId);
  }

  @Override
  public boolean addRoleToInstanceProfile(String instanceProfileId, String roleId) {
    return s.profileRoles.add(new MemoryStore.ProfileRole(instanceProfileId, roleId));
  }

  @Override
  public boolean removeRoleFromInstanceProfile(String instanceProfileId, String roleId) {
    return s.profileRoles.remove(new MemoryStore.ProfileRole(instanceProfileId, roleId));
  }

  @Override
  public void createOidcProvider(OidcProvider provider) {
    unique(oidcProvider(provider.accountId(), provider.url()).isPresent(), "provider URL");
    s.oidcProviders.put(provider.id(), provider);
  }

  @Override
  public void updateOidcProvider(OidcProvider provider) {
    OidcProvider old = s.oidcProviders.get(provider.id());
    if (old != null) {
      s.oidcProviders.put(
          old.id(),
          old.withClientIds(provider.clientIds()).withThumbprints(provider.thumbprints()));
    }
  }

  @Override
  public boolean deleteOidcProvider(String accountId, String url) {
    Optional<OidcProvider> p = oidcProvider(accountId, url);
    p.ifPresent(
        found -> {
          s.tags.remove(found.id());
          s.oidcProviders.remove(found.id());
        });
    return p.isPresent();
  }

  @Override
  public void putTags(String entityId, List<Tag> tags) {
    TreeMap<String, Tag> merged = new TreeMap<>(s.tags.getOrDefault(entityId, new TreeMap<>()));
    for (Tag t : tags) {
      merged.put(lower(t.key()), t);
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
    unique(policyByName(policy.accountId(), policy.name()).isPresent(), "policy name");
    s.policies.put(policy.arn(), new PolicyRow(policy, 1, 2));
    TreeMap<Integer, VersionRow> v = new TreeMap<>();
    v.put(1, new VersionRow(document, policy.createDate()));
    s.versions.put(policy.arn(), v);
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
      ManagedPolicy policy, String document, boolean setAsDefault, Instant now) {
    PolicyRow row = s.policies.get(policy.arn());
    int n = row.nextVersion();
    s.versions.get(policy.arn()).put(n, new VersionRow(document, now));
    touch(row, setAsDefault ? n : row.defaultVersion(), n + 1, now);
    return new PolicyVersion(policy.arn(), "v" + n, document, setAsDefault, now);
  }

  @Override
  public void setDefaultPolicyVersion(ManagedPolicy policy, int versionNumber, Instant now) {
    PolicyRow row = s.policies.get(policy.arn());
    touch(row, versionNumber, row.nextVersion(), now);
  }

  @Override
  public void deletePolicyVersion(ManagedPolicy policy, int versionNumber) {
    s.versions.get(policy.arn()).remove(versionNumber);
  }

  @Override
  public void deletePolicy(ManagedPolicy policy) {
    s.versions.remove(policy.arn());
    s.tags.remove(policy.id());
    s.policies.remove(policy.arn());
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
  public boolean attachPolicy(String accountId, EntityRef entity, String policyArn) {
    return s.attachments
            .computeIfAbsent(entity.id(), k -> new TreeMap<>())
            .putIfAbsent(policyArn, new AttachmentRow(accountId, entity, policyArn))
        == null;
  }

  @Override
  public boolean detachPolicy(String entityId, String policyArn) {
    TreeMap<String, AttachmentRow> m = s.attachments.get(entityId);
    return m != null && m.remove(policyArn) != null;
  }

  @Override
  public void createAccessKey(AccessKey key, String sealedSecret) {
    unique(s.keys.containsKey(key.accessKeyId()), "access key id");
    s.keys.put(key.accessKeyId(), new KeyRow(key, sealedSecret, null));
  }

  @Override
  public boolean updateAccessKeyStatus(String accessKeyId, AccessKeyStatus status) {
    KeyRow row = s.keys.get(accessKeyId);
    if (row == null) {
      return false;
    }
    s.keys.put(
        accessKeyId, new KeyRow(row.key().withStatus(status), row.sealedSecret(), row.lastUsed()));
    return true;
  }

  @Override
  public boolean deleteAccessKey(String accessKeyId) {
    return s.keys.remove(accessKeyId) != null;
  }

  @Override
  public boolean recordAccessKeyUse(String accessKeyId, AccessKeyLastUsed lastUsed) {
    KeyRow row = s.keys.get(accessKeyId);
    if (row == null) {
      return false;
    }
    s.keys.put(accessKeyId, new KeyRow(row.key(), row.sealedSecret(), lastUsed));
    return true;
  }

  @Override
  public void createOrganization(Organization organization, OrganizationAccount management) {
    unique(s.organizationAccounts.containsKey(management.accountId()), "organization account");
    s.organizations.put(organization.id(), organization);
    s.organizationAccounts.put(management.accountId(), management);
  }

  @Override
  public void addOrganizationAccount(OrganizationAccount account, List<Tag> tags) {
    unique(
        s.organizationAccounts.containsKey(account.accountId())
            || (!account.email().isEmpty() && organizationEmailInUse(account.email())),
        "organization account");
    s.organizationAccounts.put(account.accountId(), account);
    s.organizationTags.put(account.accountId(), List.copyOf(tags));
  }

  @Override
  public void replaceOrganizationAccountTags(String accountId, List<Tag> tags) {
    s.organizationTags.put(accountId, List.copyOf(tags));
  }

  @Override
  public void recordCreateAccountStatus(CreateAccountStatus status) {
    s.createAccountStatuses.put(status.id(), status);
  }

  @Override
  public void createLoginProfile(LoginProfile profile) {
    unique(s.loginProfiles.containsKey(profile.userId()), "login profile");
    s.loginProfiles.put(profile.userId(), profile);
  }

  @Override
  public void updateLoginProfile(LoginProfile profile) {
    s.loginProfiles.replace(profile.userId(), profile);
  }

  @Override
  public boolean deleteLoginProfile(String userId) {
    return s.loginProfiles.remove(userId) != null;
  }

  @Override
  public void setRootPasswordHash(String accountId, String passwordHash) {
    s.rootPasswords.put(accountId, passwordHash);
  }

  @Override
  public void putPasswordPolicy(String accountId, PasswordPolicy policy) {
    s.passwordPolicies.put(accountId, policy);
  }

  @Override
  public boolean deletePasswordPolicy(String accountId) {
    return s.passwordPolicies.remove(accountId) != null;
  }

  @Override
  public void createMfaDevice(VirtualMfaDevice device) {
    unique(mfaSerialTaken(device.serialNumber()), "serial number");
    s.mfaDevices.put(device.serialNumber(), device);
  }

  @Override
  public void updateMfaDevice(VirtualMfaDevice device) {
    s.mfaDevices.replace(device.serialNumber(), device);
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
