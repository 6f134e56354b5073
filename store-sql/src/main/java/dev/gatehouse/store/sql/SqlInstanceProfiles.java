package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Instance profiles and the roles they hold (tables of V6). */
final class SqlInstanceProfiles {
  private static final String COLUMNS = "p.account_id, p.name, p.id, p.path, p.created_at";

  private final Jdbc jdbc;

  SqlInstanceProfiles(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static InstanceProfile profile(ResultSet rs) throws SQLException {
    return new InstanceProfile(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        SqlReads.instant(rs, 5));
  }

  Optional<InstanceProfile> byName(String accountId, String name) {
    return jdbc.one(
        "SELECT "
            + COLUMNS
            + " FROM iam_instance_profiles p WHERE p.account_id = ? AND p.name_lc = ?",
        SqlInstanceProfiles::profile,
        accountId,
        SqlReads.lower(name));
  }

  List<InstanceProfile> all(String accountId) {
    return jdbc.list(
        "SELECT "
            + COLUMNS
            + " FROM iam_instance_profiles p WHERE p.account_id = ? ORDER BY p.name_lc",
        SqlInstanceProfiles::profile,
        accountId);
  }

  List<Role> roles(String profileId) {
    return jdbc.list(
        "SELECT "
            + prefixed(SqlReads.ROLE_COLUMNS)
            + " FROM iam_roles r JOIN iam_instance_profile_roles m ON m.role_id = r.id"
            + " WHERE m.profile_id = ? ORDER BY r.name_lc",
        SqlReads::role,
        profileId);
  }

  List<InstanceProfile> forRole(String roleId) {
    return jdbc.list(
        "SELECT "
            + COLUMNS
            + " FROM iam_instance_profiles p JOIN iam_instance_profile_roles m ON m.profile_id = p.id"
            + " WHERE m.role_id = ? ORDER BY p.name_lc",
        SqlInstanceProfiles::profile,
        roleId);
  }

  private static String prefixed(String columns) {
    return "r." + columns.replace(", ", ", r.");
  }

  void create(InstanceProfile p) {
    jdbc.update(
        "INSERT INTO iam_instance_profiles (id, account_id, name, name_lc, path, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        p.id(),
        p.accountId(),
        p.name(),
        SqlReads.lower(p.name()),
        p.path(),
        p.createDate().toEpochMilli());
  }

  void delete(String profileId) {
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", profileId);
    jdbc.update("DELETE FROM iam_instance_profiles WHERE id = ?", profileId);
  }

  boolean addRole(String profileId, String roleId) {
    if (jdbc.count(
            "SELECT COUNT(*) FROM iam_instance_profile_roles WHERE profile_id = ? AND role_id = ?",
            profileId,
            roleId)
        > 0) {
      return false;
    }
    jdbc.update(
        "INSERT INTO iam_instance_profile_roles (profile_id, role_id) VALUES (?, ?)",
        profileId,
        roleId);
    return true;
  }

  boolean removeRole(String profileId, String roleId) {
    return jdbc.update(
            "DELETE FROM iam_instance_profile_roles WHERE profile_id = ? AND role_id = ?",
            profileId,
            roleId)
        > 0;
  }
}
