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
import dev.gatehouse.core.store.MemoryStore.AttachmentRow;
import dev.gatehouse.core.store.MemoryStore.KeyRow;
import dev.gatehouse.core.store.MemoryStore.PolicyRow;
import dev.gatehouse.core.store.MemoryStore.State;
import dev.gatehouse.core.store.MemoryStore.VersionRow;
import dev.gatehouse.core.sts.SessionRevocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reads of a {@link MemoryStore} transaction. A test double, so one class serves every group of
 * the port (each accessor returns this object).
 */
class MemoryReads
    implements ReadTransaction,
        AccountReads,
        UserReads,
        GroupReads,
        RoleReads,
        InstanceProfileReads,
        OidcProviderReads,
        PolicyReads,
        InlinePolicyReads,
        TagReads,
        KeyReads,
        PasswordReads,
        MfaReads,
        SessionReads,
        OrganizationReads {
  final State s;

  MemoryReads(State s) {
    this.s = s;
  }

  static String lower(String x) {
    return x.toLowerCase(Locale.ROOT);
  }

  @Override
  public AccountReads accounts() {
    return this;
  }

  @Override
  public UserReads users() {
    return this;
  }

  @Override
  public GroupReads groups() {
    return this;
  }

  @Override
  public RoleReads roles() {
    return this;
  }

  @Override
  public InstanceProfileReads instanceProfiles() {
    return this;
  }

  @Override
  public OidcProviderReads oidcProviders() {
    return this;
  }

  @Override
  public SamlProviderReads samlProviders() {
    return new MemorySamlProviders(s);
  }

  @Override
  public UserCertificateReads userCertificates() {
    return new MemoryUserCertificates(s);
  }

  @Override
  public ServerCertificateReads serverCertificates() {
    return new MemoryServerCertificates(s);
  }

  @Override
  public PolicyReads policies() {
    return this;
  }

  @Override
  public InlinePolicyReads inlinePolicies() {
    return this;
  }

  @Override
  public TagReads tags() {
    return this;
  }

  @Override
  public KeyReads keys() {
    return this;
  }

  @Override
  public PasswordReads passwords() {
    return this;
  }

  @Override
  public MfaReads mfa() {
    return this;
  }

  @Override
  public SessionReads sessions() {
    return this;
  }

  @Override
  public OrganizationReads organizations() {
    return this;
  }

  @Override
  public JobReads jobs() {
    return new MemoryJobs(s);
  }

  @Override
  public MilestoneReads milestones() {
    return new MemoryMilestones(s);
  }

  @Override
  public ServiceAccessReads serviceAccess() {
    return new MemoryServiceAccess(s);
  }

  @Override
  public AccessGrantReads accessGrants() {
    return new MemoryAccessGrants(s);
  }

  @Override
  public Optional<Account> account(String accountId) {
    return Optional.ofNullable(s.accounts.get(accountId));
  }

  @Override
  public List<Account> all() {
    return s.accounts.values().stream().sorted(Comparator.comparing(Account::id)).toList();
  }

  @Override
  public Optional<String> accountAlias(String accountId) {
    return Optional.ofNullable(s.aliases.get(accountId));
  }

  @Override
  public Optional<User> user(String accountId, String name) {
    return s.users.values().stream()
        .filter(u -> u.accountId().equals(accountId) && lower(u.name()).equals(lower(name)))
        .findFirst();
  }

  @Override
  public Optional<User> userById(String userId) {
    return Optional.ofNullable(s.users.get(userId));
  }

  @Override
  public List<User> users(String accountId) {
    return s.users.values().stream()
        .filter(u -> u.accountId().equals(accountId))
        .sorted(Comparator.comparing(u -> lower(u.name())))
        .toList();
  }

  @Override
  public Optional<Group> group(String accountId, String name) {
    return s.groups.values().stream()
        .filter(g -> g.accountId().equals(accountId) && lower(g.name()).equals(lower(name)))
        .findFirst();
  }

  @Override
  public List<Group> groups(String accountId) {
    return s.groups.values().stream()
        .filter(g -> g.accountId().equals(accountId))
        .sorted(Comparator.comparing(g -> lower(g.name())))
        .toList();
  }

  @Override
  public List<Group> groupsForUser(String userId) {
    return s.members.stream()
        .filter(m -> m.userId().equals(userId))
        .map(m -> s.groups.get(m.groupId()))
        .sorted(Comparator.comparing(g -> lower(g.name())))
        .toList();
  }

  @Override
  public List<User> groupMembers(String groupId) {
    return s.members.stream()
        .filter(m -> m.groupId().equals(groupId))
        .map(m -> s.users.get(m.userId()))
        .sorted(Comparator.comparing(u -> lower(u.name())))
        .toList();
  }

  @Override
  public Optional<Role> role(String accountId, String name) {
    return s.roles.values().stream()
        .filter(r -> r.accountId().equals(accountId) && lower(r.name()).equals(lower(name)))
        .findFirst();
  }

  @Override
  public List<Role> roles(String accountId) {
    return s.roles.values().stream()
        .filter(r -> r.accountId().equals(accountId))
        .sorted(Comparator.comparing(r -> lower(r.name())))
        .toList();
  }

  @Override
  public Optional<InstanceProfile> instanceProfile(String accountId, String name) {
    return s.instanceProfiles.values().stream()
        .filter(p -> p.accountId().equals(accountId) && lower(p.name()).equals(lower(name)))
        .findFirst();
  }

  @Override
  public List<InstanceProfile> instanceProfiles(String accountId) {
    return s.instanceProfiles.values().stream()
        .filter(p -> p.accountId().equals(accountId))
        .sorted(Comparator.comparing(p -> lower(p.name())))
        .toList();
  }

  @Override
  public List<Role> instanceProfileRoles(String instanceProfileId) {
    return s.profileRoles.stream()
        .filter(m -> m.profileId().equals(instanceProfileId))
        .map(m -> s.roles.get(m.roleId()))
        .sorted(Comparator.comparing(r -> lower(r.name())))
        .toList();
  }

  @Override
  public List<InstanceProfile> instanceProfilesForRole(String roleId) {
    return s.profileRoles.stream()
        .filter(m -> m.roleId().equals(roleId))
        .map(m -> s.instanceProfiles.get(m.profileId()))
        .sorted(Comparator.comparing(p -> lower(p.name())))
        .toList();
  }

  @Override
  public Optional<OidcProvider> oidcProvider(String accountId, String url) {
    return s.oidcProviders.values().stream()
        .filter(p -> p.accountId().equals(accountId) && p.url().equals(url))
        .findFirst();
  }

  @Override
  public List<OidcProvider> oidcProviders(String accountId) {
    return s.oidcProviders.values().stream()
        .filter(p -> p.accountId().equals(accountId))
        .sorted(Comparator.comparing(OidcProvider::url))
        .toList();
  }

  @Override
  public Optional<RoleLastUsed> roleLastUsed(String roleId) {
    return Optional.ofNullable(s.roleLastUsed.get(roleId));
  }

  @Override
  public Map<String, RoleLastUsed> rolesLastUsed(String accountId) {
    Map<String, RoleLastUsed> out = new HashMap<>();
    for (Role r : roles(accountId)) {
      roleLastUsed(r.id()).ifPresent(used -> out.put(r.id(), used));
    }
    return out;
  }

  int attachmentCount(String arn) {
    int n = 0;
    for (Map<String, AttachmentRow> m : s.attachments.values()) {
      if (m.containsKey(arn)) {
        n++;
      }
    }
    return n;
  }

  private ManagedPolicy view(PolicyRow row) {
    ManagedPolicy p = row.policy();
    return new ManagedPolicy(
        p.accountId(),
        p.name(),
        p.id(),
        p.path(),
        "v" + row.defaultVersion(),
        p.description(),
        p.createDate(),
        p.updateDate(),
        true,
        attachmentCount(p.arn()));
  }

  @Override
  public Optional<ManagedPolicy> policy(String accountId, String arn) {
    PolicyRow row = s.policies.get(arn);
    if (row == null || !row.policy().accountId().equals(accountId)) {
      return Optional.empty();
    }
    return Optional.of(view(row));
  }

  @Override
  public List<ManagedPolicy> policies(String accountId) {
    return s.policies.values().stream()
        .filter(r -> r.policy().accountId().equals(accountId))
        .map(this::view)
        .sorted(Comparator.comparing(p -> lower(p.name())))
        .toList();
  }

  @Override
  public List<PolicyVersion> policyVersions(String accountId, String policyArn) {
    PolicyRow row = s.policies.get(policyArn);
    if (row == null || !row.policy().accountId().equals(accountId)) {
      return List.of();
    }
    List<PolicyVersion> out = new ArrayList<>();
    s.versions.get(policyArn).forEach((n, v) -> out.add(version(policyArn, row, n, v)));
    return out;
  }

  private static PolicyVersion version(String arn, PolicyRow row, int n, VersionRow v) {
    return new PolicyVersion(arn, "v" + n, v.document(), n == row.defaultVersion(), v.createDate());
  }

  @Override
  public Optional<PolicyVersion> policyVersion(
      String accountId, String policyArn, String versionId) {
    return policyVersions(accountId, policyArn).stream()
        .filter(v -> v.versionId().equals(versionId))
        .findFirst();
  }

  @Override
  public Optional<InlinePolicy> inlinePolicy(String ownerId, String name) {
    return Optional.ofNullable(s.inline.getOrDefault(ownerId, new TreeMap<>()).get(lower(name)));
  }

  @Override
  public List<InlinePolicy> inlinePolicies(String ownerId) {
    return List.copyOf(s.inline.getOrDefault(ownerId, new TreeMap<>()).values());
  }

  @Override
  public List<String> attachedPolicies(String entityId) {
    return List.copyOf(s.attachments.getOrDefault(entityId, new TreeMap<>()).keySet());
  }

  @Override
  public List<EntityRef> entitiesForPolicy(String accountId, String policyArn) {
    List<EntityRef> out = new ArrayList<>();
    for (Map<String, AttachmentRow> m : s.attachments.values()) {
      AttachmentRow a = m.get(policyArn);
      if (a != null && a.accountId().equals(accountId)) {
        out.add(current(a.entity()));
      }
    }
    out.sort(Comparator.comparing((EntityRef e) -> e.kind()).thenComparing(e -> lower(e.name())));
    return out;
  }

  /** The entity with its current name (it may have been renamed since it was attached). */
  private EntityRef current(EntityRef e) {
    return switch (e.kind()) {
      case USER -> EntityRef.of(s.users.get(e.id()));
      case GROUP -> EntityRef.of(s.groups.get(e.id()));
      case ROLE -> EntityRef.of(s.roles.get(e.id()));
    };
  }

  @Override
  public Map<String, Integer> attachmentCounts(String accountId) {
    Map<String, Integer> out = new java.util.HashMap<>();
    for (Map<String, AttachmentRow> m : s.attachments.values()) {
      for (AttachmentRow a : m.values()) {
        if (a.accountId().equals(accountId)) {
          out.merge(a.policyArn(), 1, Integer::sum);
        }
      }
    }
    return Map.copyOf(out);
  }

  @Override
  public List<Tag> tags(String entityId) {
    return List.copyOf(s.tags.getOrDefault(entityId, new TreeMap<>()).values());
  }

  @Override
  public Optional<AccessKey> accessKey(String accessKeyId) {
    return Optional.ofNullable(s.keys.get(accessKeyId)).map(KeyRow::key);
  }

  @Override
  public Optional<String> sealedSecret(String accessKeyId) {
    return Optional.ofNullable(s.keys.get(accessKeyId)).map(KeyRow::sealedSecret);
  }

  @Override
  public List<AccessKey> accessKeys(String accountId, AccessKeyOwner owner) {
    return s.keys.values().stream()
        .map(KeyRow::key)
        .filter(k -> k.accountId().equals(accountId) && k.owner().equals(owner))
        .sorted(Comparator.comparing(AccessKey::accessKeyId))
        .toList();
  }

  @Override
  public Optional<AccessKeyLastUsed> accessKeyLastUsed(String accessKeyId) {
    return Optional.ofNullable(s.keys.get(accessKeyId)).map(KeyRow::lastUsed);
  }

  @Override
  public Optional<Organization> organizationOf(String accountId) {
    return organizationAccount(accountId).map(a -> s.organizations.get(a.organizationId()));
  }

  @Override
  public Optional<OrganizationAccount> organizationAccount(String accountId) {
    return Optional.ofNullable(s.organizationAccounts.get(accountId));
  }

  @Override
  public List<OrganizationAccount> organizationAccounts(String organizationId) {
    return s.organizationAccounts.values().stream()
        .filter(a -> a.organizationId().equals(organizationId))
        .sorted(Comparator.comparing(OrganizationAccount::accountId))
        .toList();
  }

  @Override
  public boolean organizationEmailInUse(String email) {
    return s.organizationAccounts.values().stream()
        .anyMatch(a -> !a.email().isEmpty() && lower(a.email()).equals(lower(email)));
  }

  @Override
  public List<Tag> organizationAccountTags(String accountId) {
    return s.organizationTags.getOrDefault(accountId, List.of()).stream()
        .sorted(Comparator.comparing(Tag::key))
        .toList();
  }

  @Override
  public Optional<CreateAccountStatus> createAccountStatus(String requestId) {
    return Optional.ofNullable(s.createAccountStatuses.get(requestId));
  }

  @Override
  public Optional<LoginProfile> loginProfile(String userId) {
    return Optional.ofNullable(s.loginProfiles.get(userId));
  }

  @Override
  public Optional<String> rootPasswordHash(String accountId) {
    return Optional.ofNullable(s.rootPasswords.get(accountId));
  }

  @Override
  public Optional<PasswordPolicy> passwordPolicy(String accountId) {
    return Optional.ofNullable(s.passwordPolicies.get(accountId));
  }

  @Override
  public Optional<VirtualMfaDevice> mfaDevice(String serialNumber) {
    return Optional.ofNullable(s.mfaDevices.get(serialNumber));
  }

  @Override
  public List<VirtualMfaDevice> mfaDevices(String accountId) {
    return s.mfaDevices.values().stream()
        .filter(d -> d.accountId().equals(accountId))
        .sorted(Comparator.comparing(d -> lower(d.serialNumber())))
        .toList();
  }

  @Override
  public List<SessionRevocation> sessionRevocations() {
    return s.revocations.values().stream()
        .sorted(Comparator.comparing(SessionRevocation::kind).thenComparing(SessionRevocation::id))
        .toList();
  }

  @Override
  public Optional<String> accountWithAlias(String alias) {
    return s.aliases.entrySet().stream()
        .filter(e -> e.getValue().equals(alias))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  @Override
  public int userCount(String accountId) {
    return users(accountId).size();
  }

  @Override
  public int groupCount(String accountId) {
    return groups(accountId).size();
  }

  @Override
  public int roleCount(String accountId) {
    return roles(accountId).size();
  }

  @Override
  public int instanceProfileCount(String accountId) {
    return instanceProfiles(accountId).size();
  }

  @Override
  public int oidcProviderCount(String accountId) {
    return oidcProviders(accountId).size();
  }

  @Override
  public int policyCount(String accountId) {
    return policies(accountId).size();
  }

  @Override
  public Optional<ManagedPolicy> policyByName(String accountId, String name) {
    return policies(accountId).stream()
        .filter(p -> lower(p.name()).equals(lower(name)))
        .findFirst();
  }

  @Override
  public int boundaryUseCount(String policyArn) {
    return (int)
        (s.users.values().stream().filter(u -> u.permissionsBoundaryArn().equals(policyArn)).count()
            + s.roles.values().stream()
                .filter(r -> r.permissionsBoundaryArn().equals(policyArn))
                .count());
  }

  @Override
  public boolean mfaSerialTaken(String serialNumber) {
    return s.mfaDevices.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(serialNumber));
  }

  @Override
  public boolean userHasMfaDevice(String userId) {
    return s.mfaDevices.values().stream().anyMatch(d -> d.userId().equals(Optional.of(userId)));
  }
}
