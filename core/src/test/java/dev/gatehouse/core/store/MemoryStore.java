package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.grants.AccessDecision;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.RequestPolicy;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import dev.gatehouse.core.sts.SessionRevocation;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * An in-memory {@link Store} for fast service tests. It passes the same contract suite as the SQL
 * adapters ({@code MemoryStoreContractTest}). Not durable: never used by the server.
 *
 * <p>Writes run one at a time on a private copy of the state that replaces the published state only
 * on success, so a failed write leaves nothing behind; reads see the last published state.
 */
public final class MemoryStore implements Store {
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private volatile State state = new State();

  /** Everything the store holds. Published instances are never mutated again. */
  static final class State {
    final Map<String, Account> accounts = new HashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    final Map<String, User> users = new HashMap<>();
    final Map<String, Group> groups = new HashMap<>();
    final Map<String, Role> roles = new HashMap<>();
    final Map<String, InstanceProfile> instanceProfiles = new HashMap<>();
    final Set<ProfileRole> profileRoles = new HashSet<>();
    final Map<String, OidcProvider> oidcProviders = new HashMap<>();
    final Map<String, dev.gatehouse.core.domain.SamlProvider> samlProviders = new HashMap<>();
    final Map<String, dev.gatehouse.core.domain.SshPublicKey> sshKeys = new HashMap<>();
    final Map<String, dev.gatehouse.core.domain.SigningCertificate> signingCertificates =
        new HashMap<>();
    final Map<String, dev.gatehouse.core.domain.ServerCertificate> serverCertificates =
        new HashMap<>();
    final Set<Membership> members = new HashSet<>();
    final Map<String, PolicyRow> policies = new HashMap<>();
    final Map<String, TreeMap<Integer, VersionRow>> versions = new HashMap<>();
    final Map<String, TreeMap<String, InlinePolicy>> inline = new HashMap<>();
    final Map<String, TreeMap<String, AttachmentRow>> attachments = new HashMap<>();
    final Map<String, TreeMap<String, Tag>> tags = new HashMap<>();
    final Map<String, KeyRow> keys = new HashMap<>();
    final Map<String, RoleLastUsed> roleLastUsed = new HashMap<>();
    final Map<String, Organization> organizations = new HashMap<>();
    final Map<String, OrganizationAccount> organizationAccounts = new HashMap<>();
    final Map<String, List<Tag>> organizationTags = new HashMap<>();
    final Map<String, CreateAccountStatus> createAccountStatuses = new HashMap<>();
    final Map<String, LoginProfile> loginProfiles = new HashMap<>();
    final Map<String, String> rootPasswords = new HashMap<>();
    final Map<String, PasswordPolicy> passwordPolicies = new HashMap<>();
    final TreeMap<String, VirtualMfaDevice> mfaDevices = new TreeMap<>();
    final Map<String, SessionRevocation> revocations = new HashMap<>();
    final Map<String, dev.gatehouse.core.domain.IamJob> jobs = new HashMap<>();
    final Map<String, java.time.Instant> milestones = new HashMap<>();
    final Map<String, dev.gatehouse.core.domain.ServiceAccess> serviceAccess = new HashMap<>();
    final Map<String, RequestPolicy> requestPolicies = new HashMap<>();
    final Map<String, AccessRequest> accessRequests = new HashMap<>();
    final Map<String, List<AccessDecision>> accessDecisions = new HashMap<>();
    final Map<String, dev.gatehouse.core.grants.NotificationConfig> notificationConfigs =
        new HashMap<>();

    State copy() {
      State s = new State();
      s.accounts.putAll(accounts);
      s.aliases.putAll(aliases);
      s.users.putAll(users);
      s.groups.putAll(groups);
      s.roles.putAll(roles);
      s.instanceProfiles.putAll(instanceProfiles);
      s.profileRoles.addAll(profileRoles);
      s.oidcProviders.putAll(oidcProviders);
      s.samlProviders.putAll(samlProviders);
      s.sshKeys.putAll(sshKeys);
      s.signingCertificates.putAll(signingCertificates);
      s.serverCertificates.putAll(serverCertificates);
      s.members.addAll(members);
      s.policies.putAll(policies);
      versions.forEach((k, v) -> s.versions.put(k, new TreeMap<>(v)));
      inline.forEach((k, v) -> s.inline.put(k, new TreeMap<>(v)));
      attachments.forEach((k, v) -> s.attachments.put(k, new TreeMap<>(v)));
      tags.forEach((k, v) -> s.tags.put(k, new TreeMap<>(v)));
      s.keys.putAll(keys);
      s.roleLastUsed.putAll(roleLastUsed);
      s.organizations.putAll(organizations);
      s.organizationAccounts.putAll(organizationAccounts);
      s.organizationTags.putAll(organizationTags);
      s.createAccountStatuses.putAll(createAccountStatuses);
      s.loginProfiles.putAll(loginProfiles);
      s.rootPasswords.putAll(rootPasswords);
      s.passwordPolicies.putAll(passwordPolicies);
      s.mfaDevices.putAll(mfaDevices);
      s.revocations.putAll(revocations);
      s.jobs.putAll(jobs);
      s.milestones.putAll(milestones);
      s.serviceAccess.putAll(serviceAccess);
      s.requestPolicies.putAll(requestPolicies);
      s.accessRequests.putAll(accessRequests);
      s.accessDecisions.putAll(accessDecisions);
      s.notificationConfigs.putAll(notificationConfigs);
      return s;
    }
  }

  record Membership(String groupId, String userId) {}

  record ProfileRole(String profileId, String roleId) {}

  /** A customer managed policy (keyed by ARN) with its version counters. */
  record PolicyRow(ManagedPolicy policy, int defaultVersion, int nextVersion) {}

  record VersionRow(String document, Instant createDate) {}

  record AttachmentRow(String accountId, EntityRef entity, String policyArn) {}

  /** {@code lastUsed} is null until the key is used. */
  record KeyRow(AccessKey key, String sealedSecret, AccessKeyLastUsed lastUsed) {}

  @Override
  public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
    return work.apply(new MemoryTransaction(state));
  }

  @Override
  public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
    if (writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("a write transaction cannot start inside another");
    }
    writeLock.lock();
    try {
      State draft = state.copy();
      T result = work.apply(new MemoryTransaction(draft));
      state = draft;
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void close() {}
}
