package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import dev.gatehouse.core.store.OrganizationWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Organizations tables (V3): the SQL behind the store port's organization methods. */
final class SqlOrganizations implements OrganizationWrites {
  private static final String ORGANIZATION_COLUMNS =
      "o.id, o.management_account_id, o.feature_set, o.created_at";
  private static final String ACCOUNT_COLUMNS =
      "account_id, organization_id, name, email, joined_method, joined_at";

  private final Jdbc jdbc;

  SqlOrganizations(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static Organization organization(ResultSet rs) throws SQLException {
    return new Organization(
        rs.getString(1),
        rs.getString(2),
        Organization.FeatureSet.valueOf(rs.getString(3)),
        SqlRows.instant(rs, 4));
  }

  private static OrganizationAccount account(ResultSet rs) throws SQLException {
    return new OrganizationAccount(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        OrganizationAccount.JoinedMethod.valueOf(rs.getString(5)),
        SqlRows.instant(rs, 6));
  }

  private static CreateAccountStatus status(ResultSet rs) throws SQLException {
    String accountId = rs.getString(7);
    String reason = rs.getString(8);
    return new CreateAccountStatus(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        CreateAccountStatus.State.valueOf(rs.getString(4)),
        SqlRows.instant(rs, 5),
        SqlRows.instant(rs, 6),
        accountId == null ? "" : accountId,
        reason == null ? "" : reason);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<Organization> organizationOf(String accountId) {
    return jdbc.one(
        "SELECT "
            + ORGANIZATION_COLUMNS
            + " FROM org_organizations o JOIN org_accounts a ON a.organization_id = o.id"
            + " WHERE a.account_id = ?",
        SqlOrganizations::organization,
        accountId);
  }

  @Override
  public Optional<OrganizationAccount> organizationAccount(String accountId) {
    return jdbc.one(
        "SELECT " + ACCOUNT_COLUMNS + " FROM org_accounts WHERE account_id = ?",
        SqlOrganizations::account,
        accountId);
  }

  @Override
  public List<OrganizationAccount> organizationAccounts(String organizationId) {
    return jdbc.list(
        "SELECT "
            + ACCOUNT_COLUMNS
            + " FROM org_accounts WHERE organization_id = ? ORDER BY account_id",
        SqlOrganizations::account,
        organizationId);
  }

  @Override
  public boolean organizationEmailInUse(String email) {
    return jdbc.count("SELECT COUNT(*) FROM org_accounts WHERE email_lc = ?", lower(email)) > 0;
  }

  @Override
  public List<Tag> organizationAccountTags(String accountId) {
    return jdbc.list(
        "SELECT tag_key, tag_value FROM org_account_tags WHERE account_id = ? ORDER BY tag_key",
        rs -> new Tag(rs.getString(1), rs.getString(2)),
        accountId);
  }

  @Override
  public Optional<CreateAccountStatus> createAccountStatus(String requestId) {
    return jdbc.one(
        "SELECT id, organization_id, account_name, state, requested_at, completed_at, account_id,"
            + " failure_reason FROM org_create_account_requests WHERE id = ?",
        SqlOrganizations::status,
        requestId);
  }

  @Override
  public void createOrganization(Organization organization, OrganizationAccount management) {
    jdbc.update(
        "INSERT INTO org_organizations (id, management_account_id, feature_set, created_at)"
            + " VALUES (?, ?, ?, ?)",
        organization.id(),
        organization.managementAccountId(),
        organization.featureSet().name(),
        organization.createDate().toEpochMilli());
    insertAccount(management);
  }

  @Override
  public void addOrganizationAccount(OrganizationAccount account, List<Tag> tags) {
    insertAccount(account);
    insertTags(account.accountId(), tags);
  }

  @Override
  public void replaceOrganizationAccountTags(String accountId, List<Tag> tags) {
    jdbc.update("DELETE FROM org_account_tags WHERE account_id = ?", accountId);
    insertTags(accountId, tags);
  }

  private void insertTags(String accountId, List<Tag> tags) {
    for (Tag tag : tags) {
      jdbc.update(
          "INSERT INTO org_account_tags (account_id, tag_key, tag_value) VALUES (?, ?, ?)",
          accountId,
          tag.key(),
          tag.value());
    }
  }

  private void insertAccount(OrganizationAccount account) {
    jdbc.update(
        "INSERT INTO org_accounts"
            + " (account_id, organization_id, name, email, email_lc, joined_method, joined_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        account.accountId(),
        account.organizationId(),
        account.name(),
        account.email(),
        account.email().isEmpty()
            ? new Jdbc.Nullable(Types.VARCHAR)
            : (Object) lower(account.email()),
        account.joinedMethod().name(),
        account.joinedDate().toEpochMilli());
  }

  @Override
  public void recordCreateAccountStatus(CreateAccountStatus status) {
    jdbc.update(
        "INSERT INTO org_create_account_requests (id, organization_id, account_name, state,"
            + " requested_at, completed_at, account_id, failure_reason)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        status.id(),
        status.organizationId(),
        status.accountName(),
        status.state().name(),
        status.requestedDate().toEpochMilli(),
        status.completedDate().toEpochMilli(),
        status.accountId().isEmpty()
            ? new Jdbc.Nullable(Types.VARCHAR)
            : (Object) status.accountId(),
        status.failureReason().isEmpty()
            ? new Jdbc.Nullable(Types.VARCHAR)
            : (Object) status.failureReason());
  }
}
