package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.store.RoleWrites;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL roles of a transaction: IAM roles and their last use. */
final class SqlRoles implements RoleWrites {
  private final Jdbc jdbc;

  SqlRoles(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Role> role(String accountId, String name) {
    return jdbc.one(
        "SELECT " + SqlRows.ROLE_COLUMNS + " FROM iam_roles WHERE account_id = ? AND name_lc = ?",
        SqlRows::role,
        accountId,
        SqlRows.lower(name));
  }

  @Override
  public List<Role> roles(String accountId) {
    return jdbc.list(
        "SELECT " + SqlRows.ROLE_COLUMNS + " FROM iam_roles WHERE account_id = ? ORDER BY name_lc",
        SqlRows::role,
        accountId);
  }

  @Override
  public int roleCount(String accountId) {
    return (int) jdbc.count("SELECT COUNT(*) FROM iam_roles WHERE account_id = ?", accountId);
  }

  @Override
  public Optional<RoleLastUsed> roleLastUsed(String roleId) {
    return jdbc.one(
            "SELECT last_used_at, last_used_region FROM iam_roles WHERE id = ?",
            rs -> {
              long at = rs.getLong(1);
              if (rs.wasNull()) {
                return Optional.<RoleLastUsed>empty();
              }
              return Optional.of(new RoleLastUsed(Instant.ofEpochMilli(at), rs.getString(2)));
            },
            roleId)
        .flatMap(o -> o);
  }

  @Override
  public Map<String, RoleLastUsed> rolesLastUsed(String accountId) {
    Map<String, RoleLastUsed> out = new HashMap<>();
    for (Map.Entry<String, RoleLastUsed> e :
        jdbc.list(
            "SELECT id, last_used_at, last_used_region FROM iam_roles"
                + " WHERE account_id = ? AND last_used_at IS NOT NULL",
            rs ->
                Map.entry(
                    rs.getString(1),
                    new RoleLastUsed(Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3))),
            accountId)) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
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
        SqlRows.lower(role.name()),
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
}
