package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.IamErrors;
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
    if (byName(p.accountId(), p.name()).isPresent()) {
      throw IamErrors.instanceProfileExists(p.name());
    }
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

  void delete(String accountId, String name) {
    InstanceProfile p =
        byName(accountId, name).orElseThrow(() -> IamErrors.noSuchInstanceProfile(name));
    if (jdbc.count("SELECT COUNT(*) FROM iam_instance_profile_roles WHERE profile_id = ?", p.id())
        > 0) {
      throw IamErrors.mustRemoveRolesFromInstanceProfile();
    }
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", p.id());
    jdbc.update("DELETE FROM iam_instance_profiles WHERE id = ?", p.id());
  }

  void addRole(String profileId, String roleId, int maxRoles) {
    if (jdbc.count(
            "SELECT COUNT(*) FROM iam_instance_profile_roles WHERE profile_id = ?", profileId)
        >= maxRoles) {
      throw IamErrors.quota("InstanceSessionsPerInstanceProfile", maxRoles);
    }
    jdbc.update(
        "INSERT INTO iam_instance_profile_roles (profile_id, role_id) VALUES (?, ?)",
        profileId,
        roleId);
  }

  boolean removeRole(String profileId, String roleId) {
    return jdbc.update(
            "DELETE FROM iam_instance_profile_roles WHERE profile_id = ? AND role_id = ?",
            profileId,
            roleId)
        > 0;
  }

  /** DeleteRole's check: the role is in no instance profile. */
  void requireInNoProfile(String roleId) {
    if (jdbc.count("SELECT COUNT(*) FROM iam_instance_profile_roles WHERE role_id = ?", roleId)
        > 0) {
      throw IamErrors.mustRemoveRolesFromInstanceProfile();
    }
  }
}
