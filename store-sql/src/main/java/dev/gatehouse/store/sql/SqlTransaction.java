package dev.gatehouse.store.sql;

import dev.gatehouse.core.store.AccessGrantWrites;
import dev.gatehouse.core.store.AccountWideReads;
import dev.gatehouse.core.store.AccountWrites;
import dev.gatehouse.core.store.GroupWrites;
import dev.gatehouse.core.store.InlinePolicyWrites;
import dev.gatehouse.core.store.InstanceProfileWrites;
import dev.gatehouse.core.store.JobWrites;
import dev.gatehouse.core.store.KeyWrites;
import dev.gatehouse.core.store.MfaWrites;
import dev.gatehouse.core.store.MilestoneWrites;
import dev.gatehouse.core.store.OidcProviderWrites;
import dev.gatehouse.core.store.OrganizationWrites;
import dev.gatehouse.core.store.PasswordWrites;
import dev.gatehouse.core.store.PolicyWrites;
import dev.gatehouse.core.store.RoleWrites;
import dev.gatehouse.core.store.SamlProviderWrites;
import dev.gatehouse.core.store.ServerCertificateWrites;
import dev.gatehouse.core.store.ServiceAccessWrites;
import dev.gatehouse.core.store.SessionWrites;
import dev.gatehouse.core.store.TagWrites;
import dev.gatehouse.core.store.UserCertificateWrites;
import dev.gatehouse.core.store.UserWrites;
import dev.gatehouse.core.store.WriteTransaction;

/**
 * One SQL transaction, composed of one class per entity group of the port, all sharing the
 * transaction's {@link Jdbc}. Read transactions use it too, typed as the read half.
 *
 * <p>INVARIANT: writes run inside a write transaction that no other write interleaves with
 * (SQLite's single writer, PostgreSQL's transaction-scoped advisory lock), so a service's check
 * followed by the write it guards cannot be raced.
 */
final class SqlTransaction implements WriteTransaction {
  private final SqlAccounts accounts;
  private final SqlUsers users;
  private final SqlGroups groups;
  private final SqlRoles roles;
  private final SqlInstanceProfiles instanceProfiles;
  private final SqlOidcProviders oidcProviders;
  private final SqlSamlProviders samlProviders;
  private final SqlUserCertificates userCertificates;
  private final SqlServerCertificates serverCertificates;
  private final SqlPolicies policies;
  private final SqlInlinePolicies inlinePolicies;
  private final SqlTags tags;
  private final SqlKeys keys;
  private final SqlPasswords passwords;
  private final SqlSts sts;
  private final SqlOrganizations organizations;
  private final SqlAccountWide accountWide;
  private final SqlJobs jobs;
  private final SqlMilestones milestones;
  private final SqlServiceAccess serviceAccess;
  private final SqlAccessGrants accessGrants;

  SqlTransaction(Jdbc jdbc) {
    this.accounts = new SqlAccounts(jdbc);
    this.users = new SqlUsers(jdbc);
    this.groups = new SqlGroups(jdbc);
    this.roles = new SqlRoles(jdbc);
    this.instanceProfiles = new SqlInstanceProfiles(jdbc);
    this.oidcProviders = new SqlOidcProviders(jdbc);
    this.samlProviders = new SqlSamlProviders(jdbc);
    this.userCertificates = new SqlUserCertificates(jdbc);
    this.serverCertificates = new SqlServerCertificates(jdbc);
    this.policies = new SqlPolicies(jdbc);
    this.inlinePolicies = new SqlInlinePolicies(jdbc);
    this.tags = new SqlTags(jdbc);
    this.keys = new SqlKeys(jdbc);
    this.passwords = new SqlPasswords(jdbc);
    this.sts = new SqlSts(jdbc);
    this.organizations = new SqlOrganizations(jdbc);
    this.accountWide = new SqlAccountWide(jdbc);
    this.jobs = new SqlJobs(jdbc);
    this.milestones = new SqlMilestones(jdbc);
    this.serviceAccess = new SqlServiceAccess(jdbc);
    this.accessGrants = new SqlAccessGrants(jdbc);
  }

  @Override
  public AccountWideReads accountWide() {
    return accountWide;
  }

  @Override
  public AccountWrites accounts() {
    return accounts;
  }

  @Override
  public UserWrites users() {
    return users;
  }

  @Override
  public GroupWrites groups() {
    return groups;
  }

  @Override
  public RoleWrites roles() {
    return roles;
  }

  @Override
  public InstanceProfileWrites instanceProfiles() {
    return instanceProfiles;
  }

  @Override
  public OidcProviderWrites oidcProviders() {
    return oidcProviders;
  }

  @Override
  public SamlProviderWrites samlProviders() {
    return samlProviders;
  }

  @Override
  public UserCertificateWrites userCertificates() {
    return userCertificates;
  }

  @Override
  public ServerCertificateWrites serverCertificates() {
    return serverCertificates;
  }

  @Override
  public PolicyWrites policies() {
    return policies;
  }

  @Override
  public InlinePolicyWrites inlinePolicies() {
    return inlinePolicies;
  }

  @Override
  public TagWrites tags() {
    return tags;
  }

  @Override
  public KeyWrites keys() {
    return keys;
  }

  @Override
  public PasswordWrites passwords() {
    return passwords;
  }

  @Override
  public MfaWrites mfa() {
    return sts;
  }

  @Override
  public SessionWrites sessions() {
    return sts;
  }

  @Override
  public OrganizationWrites organizations() {
    return organizations;
  }

  @Override
  public JobWrites jobs() {
    return jobs;
  }

  @Override
  public ServiceAccessWrites serviceAccess() {
    return serviceAccess;
  }

  @Override
  public AccessGrantWrites accessGrants() {
    return accessGrants;
  }

  @Override
  public MilestoneWrites milestones() {
    return milestones;
  }
}
