package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Account-level IAM actions: aliases, GetAccountSummary, GetAccountAuthorizationDetails. */
public final class Accounts {
  private final IamContext ctx;

  Accounts(IamContext ctx) {
    this.ctx = ctx;
  }

  /** spec: CreateAccountAlias: 3-63 characters, lower-case letters, digits, single hyphens. */
  public void createAccountAlias(String accountId, String alias) {
    Validation.shape("accountAlias", alias, 3, 63, Validation.ALIAS_PATTERN);
    ctx.write(
        accountId,
        tx -> {
          Optional<String> current = tx.accounts().accountAlias(accountId);
          if (current.isPresent() && !current.get().equals(alias)) {
            throw IamErrors.quota("AccountAliasesPerAccount", 1);
          }
          IamRules.setAccountAlias(tx, accountId, alias);
          return null;
        });
  }

  public void deleteAccountAlias(String accountId, String alias) {
    Validation.shape("accountAlias", alias, 3, 63, Validation.ALIAS_PATTERN);
    ctx.write(
        accountId,
        tx -> {
          IamRules.deleteAccountAlias(tx, accountId, alias);
          return null;
        });
  }

  public List<String> listAccountAliases(String accountId) {
    return ctx.read(tx -> tx.accounts().accountAlias(accountId).map(List::of).orElse(List.of()));
  }

  /** spec: GetAccountSummary SummaryMap keys and the quotas Gatehouse enforces. */
  public Map<String, Integer> getAccountSummary(String accountId) {
    return ctx.read(
        tx -> {
          if (tx.accounts().account(accountId).isEmpty()) {
            throw IamErrors.noSuchAccount(accountId);
          }
          List<ManagedPolicy> policies = tx.policies().policies(accountId);
          int versionsInUse = 0;
          for (ManagedPolicy p : policies) {
            versionsInUse += tx.policies().policyVersions(accountId, p.arn()).size();
          }
          Map<String, Integer> m = new LinkedHashMap<>();
          m.put("Users", tx.users().userCount(accountId));
          m.put("UsersQuota", Users.MAX_USERS);
          m.put("Groups", tx.groups().groupCount(accountId));
          m.put("GroupsQuota", Groups.MAX_GROUPS);
          m.put("GroupsPerUserQuota", Groups.MAX_GROUPS_PER_USER);
          m.put("Roles", tx.roles().roleCount(accountId));
          m.put("RolesQuota", Roles.MAX_ROLES);
          m.put("Policies", policies.size());
          m.put("PoliciesQuota", ManagedPolicies.MAX_POLICIES);
          m.put("PolicyVersionsInUse", versionsInUse);
          m.put("PolicyVersionsInUseQuota", 10000);
          m.put("VersionsPerPolicyQuota", ManagedPolicies.MAX_VERSIONS);
          m.put("PolicySizeQuota", ManagedPolicies.MAX_POLICY_SIZE);
          m.put("AttachedPoliciesPerUserQuota", Attachments.MAX_ATTACHED);
          m.put("AttachedPoliciesPerGroupQuota", Attachments.MAX_ATTACHED);
          m.put("AttachedPoliciesPerRoleQuota", Attachments.MAX_ATTACHED);
          m.put("UserPolicySizeQuota", 2048);
          m.put("GroupPolicySizeQuota", 5120);
          m.put("RolePolicySizeQuota", 10240);
          m.put("AssumeRolePolicySizeQuota", Roles.MAX_TRUST_POLICY_SIZE);
          m.put("AccessKeysPerUserQuota", AccessKeys.MAX_KEYS);
          m.put(
              "AccountAccessKeysPresent",
              tx.keys().accessKeys(accountId, new AccessKeyOwner.Root()).isEmpty() ? 0 : 1);
          List<VirtualMfaDevice> devices = tx.mfa().mfaDevices(accountId);
          // spec: GetAccountSummary (older model docs): AccountMFAEnabled "1 if the root account
          // has
          // an MFA device assigned to it, 0 otherwise".
          m.put(
              "AccountMFAEnabled", devices.stream().anyMatch(VirtualMfaDevice::heldByRoot) ? 1 : 0);
          m.put("MFADevices", devices.size());
          m.put(
              "MFADevicesInUse",
              (int) devices.stream().filter(d -> d.assignment().isPresent()).count());
          m.put("InstanceProfiles", tx.instanceProfiles().instanceProfileCount(accountId));
          m.put("InstanceProfilesQuota", InstanceProfiles.MAX_INSTANCE_PROFILES);
          m.put("ServerCertificates", 0);
          m.put("ServerCertificatesQuota", 20);
          m.put(
              "Providers",
              tx.oidcProviders().oidcProviderCount(accountId)
                  + tx.samlProviders().samlProviderCount(accountId));
          m.put("GlobalEndpointTokenVersion", 1);
          return Collections.unmodifiableMap(m);
        });
  }

  /** GetAccountAuthorizationDetails, every entry; {@code filter} empty for everything. */
  public AuthorizationDetails getAccountAuthorizationDetails(
      String accountId, Set<AuthorizationDetails.Filter> filter) {
    boolean all = filter.isEmpty();
    AuthorizationDetails details =
        ctx.read(
            tx -> {
              if (tx.accounts().account(accountId).isEmpty()) {
                throw IamErrors.noSuchAccount(accountId);
              }
              List<AuthorizationDetails.UserDetail> users = new ArrayList<>();
              if (all || filter.contains(AuthorizationDetails.Filter.USER)) {
                for (User u : tx.users().users(accountId)) {
                  users.add(
                      new AuthorizationDetails.UserDetail(
                          u,
                          tx.groups().groupsForUser(u.id()).stream().map(Group::name).toList(),
                          tx.inlinePolicies().inlinePolicies(u.id()),
                          attached(tx, u.id()),
                          tx.tags().tags(u.id())));
                }
              }
              List<AuthorizationDetails.GroupDetail> groups = new ArrayList<>();
              if (all || filter.contains(AuthorizationDetails.Filter.GROUP)) {
                for (Group g : tx.groups().groups(accountId)) {
                  groups.add(
                      new AuthorizationDetails.GroupDetail(
                          g, tx.inlinePolicies().inlinePolicies(g.id()), attached(tx, g.id())));
                }
              }
              List<AuthorizationDetails.RoleDetail> roles = new ArrayList<>();
              if (all || filter.contains(AuthorizationDetails.Filter.ROLE)) {
                Map<String, RoleLastUsed> lastUsed = tx.roles().rolesLastUsed(accountId);
                for (Role r : tx.roles().roles(accountId)) {
                  roles.add(
                      new AuthorizationDetails.RoleDetail(
                          r,
                          tx.inlinePolicies().inlinePolicies(r.id()),
                          attached(tx, r.id()),
                          tx.tags().tags(r.id()),
                          tx.instanceProfiles().instanceProfilesForRole(r.id()).stream()
                              .map(
                                  p ->
                                      new InstanceProfileView(
                                          p,
                                          tx.instanceProfiles().instanceProfileRoles(p.id()),
                                          tx.tags().tags(p.id())))
                              .toList(),
                          Optional.ofNullable(lastUsed.get(r.id()))));
                }
              }
              List<AuthorizationDetails.PolicyDetail> policies = new ArrayList<>();
              if (all || filter.contains(AuthorizationDetails.Filter.LOCAL_MANAGED_POLICY)) {
                for (ManagedPolicy p : tx.policies().policies(accountId)) {
                  policies.add(
                      new AuthorizationDetails.PolicyDetail(
                          p, tx.policies().policyVersions(accountId, p.arn())));
                }
              }
              if (all || filter.contains(AuthorizationDetails.Filter.AWS_MANAGED_POLICY)) {
                Map<String, Integer> counts =
                    new java.util.TreeMap<>(tx.policies().attachmentCounts(accountId));
                counts.forEach(
                    (arn, n) ->
                        ctx.catalogue()
                            .byArn(arn)
                            .ifPresent(
                                a ->
                                    policies.add(
                                        new AuthorizationDetails.PolicyDetail(
                                            a.policy().withAttachmentCount(n),
                                            List.of(a.defaultVersion())))));
              }
              return new AuthorizationDetails(users, groups, roles, policies);
            });
    return new AuthorizationDetails(
        details.users(),
        details.groups(),
        details.roles().stream()
            .map(
                r ->
                    new AuthorizationDetails.RoleDetail(
                        ctx.shownRole(r.role()),
                        r.inlinePolicies(),
                        r.attachedPolicies(),
                        r.tags(),
                        r.instanceProfiles().stream().map(ctx::shownProfile).toList(),
                        r.lastUsed()))
            .toList(),
        details.policies());
  }

  private static List<AttachedPolicy> attached(ReadTransaction tx, String entityId) {
    List<AttachedPolicy> out = new ArrayList<>();
    for (String arn : tx.policies().attachedPolicies(entityId)) {
      Arns.parsePolicy(arn).ifPresent(p -> out.add(new AttachedPolicy(p.name(), arn)));
    }
    return out;
  }

  /** Refuses an unknown account (used by callers that act on behalf of one). */
  static void requireAccount(ReadTransaction tx, String accountId) {
    if (tx.accounts().account(accountId).isEmpty()) {
      throw GatehouseException.noSuchEntity("The account " + accountId + " cannot be found.");
    }
  }
}
