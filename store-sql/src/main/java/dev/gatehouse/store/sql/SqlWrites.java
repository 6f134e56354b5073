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
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    if (account(account.id()).isPresent()) {
      throw IamErrors.accountExists(account.id());
    }
    jdbc.update(
        "INSERT INTO iam_accounts (account_id, created_at) VALUES (?, ?)",
        account.id(),
        account.createDate().toEpochMilli());
  }

  @Override
  public void setAccountAlias(String accountId, String alias) {
    requireAccount(accountId);
    if (jdbc.count(
            "SELECT COUNT(*) FROM iam_accounts WHERE alias = ? AND account_id <> ?",
            alias,
            accountId)
        > 0) {
      throw IamErrors.aliasExists(alias);
    }
    jdbc.update("UPDATE iam_accounts SET alias = ? WHERE account_id = ?", alias, accountId);
  }

  @Override
  public void deleteAccountAlias(String accountId, String alias) {
    int n =
        jdbc.update(
            "UPDATE iam_accounts SET alias = NULL WHERE account_id = ? AND alias = ?",
            accountId,
            alias);
    if (n == 0) {
      throw dev.gatehouse.core.error.GatehouseException.noSuchEntity(
          "The account alias " + alias + " cannot be found.");
    }
  }

  @Override
  public void createUser(User user) {
    requireAccount(user.accountId());
    if (user(user.accountId(), user.name()).isPresent()) {
      throw IamErrors.userExists(user.name());
    }
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
    User old = userById(user.id()).orElseThrow(() -> IamErrors.noSuchUser(user.name()));
    if (!lower(old.name()).equals(lower(user.name()))
        && user(user.accountId(), user.name()).isPresent()) {
      throw IamErrors.userExists(user.name());
    }
    jdbc.update(
        "UPDATE iam_users SET name = ?, name_lc = ?, path = ?, boundary_arn = ? WHERE id = ?",
        user.name(),
        lower(user.name()),
        user.path(),
        user.permissionsBoundaryArn(),
        user.id());
  }

  @Override
  public void deleteUser(String accountId, String name) {
    User u = user(accountId, name).orElseThrow(() -> IamErrors.noSuchUser(name));
    // spec: DeleteUser: access keys, inline policies, attached policies and group memberships
    // must be removed first; so must the login profile.
    if (passwords.hasLoginProfile(u.id())) {
      throw IamErrors.mustDeleteLoginProfile();
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_access_keys WHERE user_id = ?", u.id()) > 0) {
      throw IamErrors.mustDeleteAccessKeys();
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_inline_policies WHERE owner_id = ?", u.id()) > 0) {
      throw IamErrors.mustDeletePolicies();
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_attachments WHERE entity_id = ?", u.id()) > 0) {
      throw IamErrors.mustDetachPolicies();
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_group_members WHERE user_id = ?", u.id()) > 0) {
      throw IamErrors.mustRemoveFromGroups();
    }
    if (sts.userHasDevice(u.id())) {
      throw IamErrors.mustDeleteMfaDevice();
    }
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", u.id());
    jdbc.update("DELETE FROM iam_users WHERE id = ?", u.id());
  }

  @Override
  public void createGroup(Group group) {
    requireAccount(group.accountId());
    if (group(group.accountId(), group.name()).isPresent()) {
      throw IamErrors.groupExists(group.name());
    }
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
    Group old =
        jdbc.one(
                "SELECT " + GROUP_COLUMNS + " FROM iam_groups WHERE id = ?",
                SqlReads::group,
                group.id())
            .orElseThrow(() -> IamErrors.noSuchGroup(group.name()));
    if (!lower(old.name()).equals(lower(group.name()))
        && group(group.accountId(), group.name()).isPresent()) {
      throw IamErrors.groupExists(group.name());
    }
    jdbc.update(
        "UPDATE iam_groups SET name = ?, name_lc = ?, path = ? WHERE id = ?",
        group.name(),
        lower(group.name()),
        group.path(),
        group.id());
  }

  @Override
  public void deleteGroup(String accountId, String name) {
    Group g = group(accountId, name).orElseThrow(() -> IamErrors.noSuchGroup(name));
    if (jdbc.count("SELECT COUNT(*) FROM iam_group_members WHERE group_id = ?", g.id()) > 0) {
      throw IamErrors.mustRemoveFromGroups();
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_inline_policies WHERE owner_id = ?", g.id()) > 0) {
      throw IamErrors.mustDeletePolicies();
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_attachments WHERE entity_id = ?", g.id()) > 0) {
      throw IamErrors.mustDetachPolicies();
    }
    jdbc.update("DELETE FROM iam_groups WHERE id = ?", g.id());
  }

  @Override
  public void addUserToGroup(User user, Group group, int maxGroupsPerUser) {
    if (jdbc.count(
            "SELECT COUNT(*) FROM iam_group_members WHERE group_id = ? AND user_id = ?",
            group.id(),
            user.id())
        > 0) {
      return;
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_group_members WHERE user_id = ?", user.id())
        >= maxGroupsPerUser) {
      throw IamErrors.quota("GroupsPerUser", maxGroupsPerUser);
    }
    jdbc.update(
        "INSERT INTO iam_group_members (group_id, user_id) VALUES (?, ?)", group.id(), user.id());
  }

  @Override
  public boolean removeUserFromGroup(String userId, String groupId) {
    return jdbc.update(
            "DELETE FROM iam_group_members WHERE group_id = ? AND user_id = ?", groupId, userId)
        > 0;
  }

  @Override
  public void createRole(Role role) {
    requireAccount(role.accountId());
    if (role(role.accountId(), role.name()).isPresent()) {
      throw IamErrors.roleExists(role.name());
    }
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
    int n =
        jdbc.update(
            "UPDATE iam_roles SET description = ?, max_session_duration = ?, trust_policy = ?,"
                + " boundary_arn = ? WHERE id = ?",
            role.description(),
            role.maxSessionDuration(),
            role.assumeRolePolicyDocument(),
            role.permissionsBoundaryArn(),
            role.id());
    if (n == 0) {
      throw IamErrors.noSuchRole(role.name());
    }
  }

  @Override
  public void recordRoleUse(String roleId, RoleLastUsed lastUsed) {
    if (jdbc.update(
            "UPDATE iam_roles SET last_used_at = ?, last_used_region = ? WHERE id = ?",
            lastUsed.date().toEpochMilli(),
            lastUsed.region(),
            roleId)
        == 0) {
      throw dev.gatehouse.core.error.GatehouseException.noSuchEntity(
          "The role with id " + roleId + " cannot be found.");
    }
  }

  @Override
  public void deleteRole(String accountId, String name) {
    Role r = role(accountId, name).orElseThrow(() -> IamErrors.noSuchRole(name));
    if (jdbc.count("SELECT COUNT(*) FROM iam_inline_policies WHERE owner_id = ?", r.id()) > 0) {
      throw IamErrors.mustDeletePolicies();
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_attachments WHERE entity_id = ?", r.id()) > 0) {
      throw IamErrors.mustDetachPolicies();
    }
    instanceProfiles.requireInNoProfile(r.id());
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", r.id());
    jdbc.update("DELETE FROM iam_roles WHERE id = ?", r.id());
  }

  @Override
  public void putTags(String entityId, List<Tag> tags, int maxTags) {
    Map<String, Tag> merged = new LinkedHashMap<>();
    for (Tag t : tags(entityId)) {
      merged.put(lower(t.key()), t);
    }
    for (Tag t : tags) {
      merged.put(lower(t.key()), t);
    }
    if (merged.size() > maxTags) {
      throw IamErrors.tagLimit(maxTags);
    }
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
  public void createAccessKey(AccessKey key, String sealedSecret, int maxKeysPerOwner) {
    requireAccount(key.accountId());
    if (accessKey(key.accessKeyId()).isPresent()) {
      throw IamErrors.accessKeyExists(key.accessKeyId());
    }
    Object userId;
    if (key.owner() instanceof AccessKeyOwner.IamUser u) {
      if (userById(u.userId()).isEmpty()) {
        throw dev.gatehouse.core.error.GatehouseException.noSuchEntity(
            "The user with id " + u.userId() + " cannot be found.");
      }
      userId = u.userId();
    } else {
      userId = new Jdbc.Nullable(Types.VARCHAR);
    }
    if (accessKeys(key.accountId(), key.owner()).size() >= maxKeysPerOwner) {
      throw IamErrors.quota("AccessKeysPerUser", maxKeysPerOwner);
    }
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
  public void updateAccessKeyStatus(String accessKeyId, AccessKeyStatus status) {
    if (jdbc.update(
            "UPDATE iam_access_keys SET status = ? WHERE access_key_id = ?",
            status.wireName(),
            accessKeyId)
        == 0) {
      throw IamErrors.noSuchAccessKey(accessKeyId);
    }
  }

  @Override
  public void deleteAccessKey(String accessKeyId) {
    if (jdbc.update("DELETE FROM iam_access_keys WHERE access_key_id = ?", accessKeyId) == 0) {
      throw IamErrors.noSuchAccessKey(accessKeyId);
    }
  }

  @Override
  public void recordAccessKeyUse(String accessKeyId, AccessKeyLastUsed lastUsed) {
    if (jdbc.update(
            "UPDATE iam_access_keys SET last_used_at = ?, last_used_service = ?,"
                + " last_used_region = ? WHERE access_key_id = ?",
            lastUsed.date().toEpochMilli(),
            lastUsed.serviceName(),
            lastUsed.region(),
            accessKeyId)
        == 0) {
      throw IamErrors.noSuchAccessKey(accessKeyId);
    }
  }

  @Override
  public void createOrganization(Organization organization, OrganizationAccount management) {
    requireAccount(management.accountId());
    organizations.createOrganization(organization, management);
  }

  @Override
  public void addOrganizationAccount(OrganizationAccount account, List<Tag> tags) {
    requireAccount(account.accountId());
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

  private User profileOwner(String userId) {
    return userById(userId).orElseThrow(() -> SqlPasswords.noSuchUserId(userId));
  }

  @Override
  public void createLoginProfile(LoginProfile profile) {
    passwords.create(profileOwner(profile.userId()), profile);
  }

  @Override
  public void updateLoginProfile(LoginProfile profile) {
    passwords.update(profileOwner(profile.userId()), profile);
  }

  @Override
  public boolean deleteLoginProfile(String userId) {
    return passwords.delete(userId);
  }

  @Override
  public void setRootPasswordHash(String accountId, String passwordHash) {
    requireAccount(accountId);
    passwords.setRootPasswordHash(accountId, passwordHash);
  }

  @Override
  public void putPasswordPolicy(String accountId, PasswordPolicy policy) {
    requireAccount(accountId);
    passwords.putPolicy(accountId, policy);
  }

  @Override
  public boolean deletePasswordPolicy(String accountId) {
    return passwords.deletePolicy(accountId);
  }
}
