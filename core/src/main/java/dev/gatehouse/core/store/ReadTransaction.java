package dev.gatehouse.core.store;

/**
 * A read transaction over a consistent view, grouped by entity: each group is a small interface and
 * a transaction is composed of them. Names are matched case-insensitively (spec: IAM quotas page,
 * "names are not distinguished by case"); lists are ordered by lower-cased name, or by key id, for
 * paging.
 */
public interface ReadTransaction {

  /** Accounts and their aliases. */
  AccountReads accounts();

  /** IAM users. */
  UserReads users();

  /** IAM groups and their members. */
  GroupReads groups();

  /** IAM roles and their last use. */
  RoleReads roles();

  /** Instance profiles and the role each holds. */
  InstanceProfileReads instanceProfiles();

  /** OpenID Connect providers. */
  OidcProviderReads oidcProviders();

  /** SAML identity providers. */
  SamlProviderReads samlProviders();

  /** Users' SSH public keys and signing certificates. */
  UserCertificateReads userCertificates();

  /** Server certificates (their private keys sealed). */
  ServerCertificateReads serverCertificates();

  /**
   * Customer managed policies, their versions and attachments (AWS managed policies are attached
   * here too).
   */
  PolicyReads policies();

  /** Inline policies of users, groups and roles, by owner id. */
  InlinePolicyReads inlinePolicies();

  /** Tags of IAM entities, by entity id. */
  TagReads tags();

  /** Access keys, their sealed secrets and last use. */
  KeyReads keys();

  /** Console passwords: users' login profiles, root passwords, account password policies. */
  PasswordReads passwords();

  /** Virtual MFA devices. */
  MfaReads mfa();

  /** STS session revocations. */
  SessionReads sessions();

  /** Organizations, their accounts and CreateAccount requests. */
  OrganizationReads organizations();

  /** Asynchronous IAM jobs: deletion tasks, credential reports, access-advisor reports. */
  JobReads jobs();

  /** Access advisor's record: when each entity last attempted each action of a service. */
  ServiceAccessReads serviceAccess();

  /** Request policies of roles, access requests, their grants and history. */
  AccessGrantReads accessGrants();

  /** One-time upgrades of the stored data that are done. */
  MilestoneReads milestones();

  /**
   * Account-wide reads across the groups, so that a snapshot's build costs a few queries rather
   * than one per entity. The default derives them from the groups' reads; adapters answer each in
   * one query.
   */
  default AccountWideReads accountWide() {
    return new DerivedAccountWideReads(this);
  }
}
