package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import java.sql.Types;
import java.util.List;

/**
 * The write half of a SQL transaction.
 *
 * <p>INVARIANT: runs inside a write transaction that no other write interleaves with (SQLite's
 * single writer, PostgreSQL's transaction-scoped advisory lock), so a check followed by the write
 * it guards cannot be raced.
 */
final class SqlWrites extends SqlPolicyWrites {

  SqlWrites(Jdbc jdbc) {
    super(jdbc);
  }

  @Override
  public void createAccount(Account account) {
    jdbc.update(
        "INSERT INTO iam_accounts (account_id, created_at) VALUES (?, ?)",
        account.id(),
        account.createDate().toEpochMilli());
  }

  @Override
  public void setAccountAlias(String accountId, String alias) {
    jdbc.update("UPDATE iam_accounts SET alias = ? WHERE account_id = ?", alias, accountId);
  }

  @Override
  public boolean deleteAccountAlias(String accountId, String alias) {
    return jdbc.update(
            "UPDATE iam_accounts SET alias = NULL WHERE account_id = ? AND alias = ?",
            accountId,
            alias)
        > 0;
  }

  @Override
  public void createUser(User user) {
    jdbc.update(
        "INSERT INTO iam_users (id, account_id, name, name_lc, path, created_at, boundary_arn)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        user.id(),
        user.accountId(),
        user.name(),
        lower(user.name()),
        user.path(),
        user.createDate().toEpochMilli(),
        user.permissionsBoundaryArn());
  }

  @Override
  public void updateUser(User user) {
    jdbc.update(
        "UPDATE iam_users SET name = ?, name_lc = ?, path = ?, boundary_arn = ? WHERE id = ?",
        user.name(),
        lower(user.name()),
        user.path(),
        user.permissionsBoundaryArn(),
        user.id());
  }

  @Override
  public void deleteUser(String userId) {
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", userId);
    jdbc.update("DELETE FROM iam_users WHERE id = ?", userId);
  }

  @Override
  public void createGroup(Group group) {
    jdbc.update(
        "INSERT INTO iam_groups (id, account_id, name, name_lc, path, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        group.id(),
        group.accountId(),
        group.name(),
        lower(group.name()),
        group.path(),
        group.createDate().toEpochMilli());
  }

  @Override
  public void updateGroup(Group group) {
    jdbc.update(
        "UPDATE iam_groups SET name = ?, name_lc = ?, path = ? WHERE id = ?",
        group.name(),
        lower(group.name()),
        group.path(),
        group.id());
  }

  @Override
  public void deleteGroup(String groupId) {
    jdbc.update("DELETE FROM iam_groups WHERE id = ?", groupId);
  }

  @Override
  public boolean addUserToGroup(String userId, String groupId) {
    if (jdbc.count(
            "SELECT COUNT(*) FROM iam_group_members WHERE group_id = ? AND user_id = ?",
            groupId,
            userId)
        > 0) {
      return false;
    }
    jdbc.update("INSERT INTO iam_group_members (group_id, user_id) VALUES (?, ?)", groupId, userId);
    return true;
  }

  @Override
  public boolean removeUserFromGroup(String userId, String groupId) {
    return jdbc.update(
            "DELETE FROM iam_group_members WHERE group_id = ? AND user_id = ?", groupId, userId)
        > 0;
  }

  @Override
  public void createRole(Role role) {
    jdbc.update(
        "INSERT INTO iam_roles (id, account_id, name, name_lc, path, created_at, description,"
            + " max_session_duration, trust_policy, boundary_arn)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        role.id(),
        role.accountId(),
        role.name(),
        lower(role.name()),
        role.path(),
        role.createDate().toEpochMilli(),
        role.description(),
        role.maxSessionDuration(),
        role.assumeRolePolicyDocument(),
        role.permissionsBoundaryArn());
  }

  @Override
  public void updateRole(Role role) {
    jdbc.update(
        "UPDATE iam_roles SET description = ?, max_session_duration = ?, trust_policy = ?,"
            + " boundary_arn = ? WHERE id = ?",
        role.description(),
        role.maxSessionDuration(),
        role.assumeRolePolicyDocument(),
        role.permissionsBoundaryArn(),
        role.id());
  }

  @Override
  public boolean recordRoleUse(String roleId, RoleLastUsed lastUsed) {
    return jdbc.update(
            "UPDATE iam_roles SET last_used_at = ?, last_used_region = ? WHERE id = ?",
            lastUsed.date().toEpochMilli(),
            lastUsed.region(),
            roleId)
        > 0;
  }

  @Override
  public void deleteRole(String roleId) {
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", roleId);
    jdbc.update("DELETE FROM iam_roles WHERE id = ?", roleId);
  }

  @Override
  public void putTags(String entityId, List<Tag> tags) {
    for (Tag t : tags) {
      jdbc.update(
          "DELETE FROM iam_tags WHERE entity_id = ? AND key_lc = ?", entityId, lower(t.key()));
      jdbc.update(
          "INSERT INTO iam_tags (entity_id, tag_key, key_lc, tag_value) VALUES (?, ?, ?, ?)",
          entityId,
          t.key(),
          lower(t.key()),
          t.value());
    }
  }

  @Override
  public void removeTags(String entityId, List<String> keys) {
    for (String k : keys) {
      jdbc.update("DELETE FROM iam_tags WHERE entity_id = ? AND key_lc = ?", entityId, lower(k));
    }
  }

  @Override
  public void createAccessKey(AccessKey key, String sealedSecret) {
    Object userId =
        key.owner() instanceof AccessKeyOwner.IamUser u
            ? u.userId()
            : new Jdbc.Nullable(Types.VARCHAR);
    jdbc.update(
        "INSERT INTO iam_access_keys (access_key_id, account_id, user_id, status, created_at,"
            + " sealed_secret) VALUES (?, ?, ?, ?, ?, ?)",
        key.accessKeyId(),
        key.accountId(),
        userId,
        key.status().wireName(),
        key.createDate().toEpochMilli(),
        sealedSecret);
  }

  @Override
  public boolean updateAccessKeyStatus(String accessKeyId, AccessKeyStatus status) {
    return jdbc.update(
            "UPDATE iam_access_keys SET status = ? WHERE access_key_id = ?",
            status.wireName(),
            accessKeyId)
        > 0;
  }

  @Override
  public boolean deleteAccessKey(String accessKeyId) {
    return jdbc.update("DELETE FROM iam_access_keys WHERE access_key_id = ?", accessKeyId) > 0;
  }

  @Override
  public boolean recordAccessKeyUse(String accessKeyId, AccessKeyLastUsed lastUsed) {
    return jdbc.update(
            "UPDATE iam_access_keys SET last_used_at = ?, last_used_service = ?,"
                + " last_used_region = ? WHERE access_key_id = ?",
            lastUsed.date().toEpochMilli(),
            lastUsed.serviceName(),
            lastUsed.region(),
            accessKeyId)
        > 0;
  }

  @Override
  public void createOrganization(Organization organization, OrganizationAccount management) {
    organizations.createOrganization(organization, management);
  }

  @Override
  public void addOrganizationAccount(OrganizationAccount account, List<Tag> tags) {
    organizations.addAccount(account, tags);
  }

  @Override
  public void replaceOrganizationAccountTags(String accountId, List<Tag> tags) {
    organizations.replaceTags(accountId, tags);
  }

  @Override
  public void recordCreateAccountStatus(CreateAccountStatus status) {
    organizations.recordStatus(status);
  }

  @Override
  public void createLoginProfile(LoginProfile profile) {
    passwords.create(profile);
  }

  @Override
  public void updateLoginProfile(LoginProfile profile) {
    passwords.update(profile);
  }

  @Override
  public boolean deleteLoginProfile(String userId) {
    return passwords.delete(userId);
  }

  @Override
  public void setRootPasswordHash(String accountId, String passwordHash) {
    passwords.setRootPasswordHash(accountId, passwordHash);
  }

  @Override
  public void putPasswordPolicy(String accountId, PasswordPolicy policy) {
    passwords.putPolicy(accountId, policy);
  }

  @Override
  public boolean deletePasswordPolicy(String accountId) {
    return passwords.deletePolicy(accountId);
  }
}
