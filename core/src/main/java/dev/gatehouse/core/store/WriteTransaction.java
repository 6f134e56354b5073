package dev.gatehouse.core.store;

/**
 * A write transaction, grouped by entity like {@link ReadTransaction}. Adapters only persist: they
 * check no AWS rule and throw no AWS error. Uniqueness, quotas, existence and AWS's deletion order
 * are decided by the core services ({@code dev.gatehouse.core.iam.IamRules} and the services of
 * {@code core.org} and {@code core.sts}), which read what they need through this transaction before
 * writing, so the check and the write commit together (see {@link Store}). A write that breaks a
 * unique constraint the store keeps as a last line of defence throws {@link StoreConflict}, which
 * the service turns into AWS's error. A write aimed at a row that is not there changes nothing;
 * methods whose callers need to know return whether a row was changed.
 */
public interface WriteTransaction extends ReadTransaction {

  @Override
  AccountWrites accounts();

  @Override
  UserWrites users();

  @Override
  GroupWrites groups();

  @Override
  RoleWrites roles();

  @Override
  InstanceProfileWrites instanceProfiles();

  @Override
  OidcProviderWrites oidcProviders();

  @Override
  SamlProviderWrites samlProviders();

  @Override
  UserCertificateWrites userCertificates();

  @Override
  ServerCertificateWrites serverCertificates();

  @Override
  PolicyWrites policies();

  @Override
  InlinePolicyWrites inlinePolicies();

  @Override
  TagWrites tags();

  @Override
  KeyWrites keys();

  @Override
  PasswordWrites passwords();

  @Override
  MfaWrites mfa();

  @Override
  SessionWrites sessions();

  @Override
  OrganizationWrites organizations();

  @Override
  JobWrites jobs();

  @Override
  ServiceAccessWrites serviceAccess();

  @Override
  AccessGrantWrites accessGrants();

  @Override
  MilestoneWrites milestones();
}
