package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.store.InstanceProfileWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Instance profiles and the roles they hold (tables of V6). */
final class SqlInstanceProfiles implements InstanceProfileWrites {
  private static final String COLUMNS = "p.account_id, p.name, p.id, p.path, p.created_at";

  private final Jdbc jdbc;

  SqlInstanceProfiles(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static InstanceProfile profile(ResultSet rs) throws SQLException {
    return new InstanceProfile(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), SqlRows.instant(rs, 5));
  }

  @Override
  public Optional<InstanceProfile> instanceProfile(String accountId, String name) {
    return jdbc.one(
        "SELECT "
            + COLUMNS
            + " FROM iam_instance_profiles p WHERE p.account_id = ? AND p.name_lc = ?",
        SqlInstanceProfiles::profile,
        accountId,
        SqlRows.lower(name));
  }

  @Override
  public List<InstanceProfile> instanceProfiles(String accountId) {
    return jdbc.list(
        "SELECT "
            + COLUMNS
            + " FROM iam_instance_profiles p WHERE p.account_id = ? ORDER BY p.name_lc",
        SqlInstanceProfiles::profile,
        accountId);
  }

  @Override
  public List<Role> instanceProfileRoles(String profileId) {
    return jdbc.list(
        "SELECT "
            + prefixed(SqlRows.ROLE_COLUMNS)
            + " FROM iam_roles r JOIN iam_instance_profile_roles m ON m.role_id = r.id"
            + " WHERE m.profile_id = ? ORDER BY r.name_lc",
        SqlRows::role,
        profileId);
  }

  @Override
  public List<InstanceProfile> instanceProfilesForRole(String roleId) {
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

  @Override
  public void createInstanceProfile(InstanceProfile p) {
    jdbc.update(
        "INSERT INTO iam_instance_profiles (id, account_id, name, name_lc, path, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        p.id(),
        p.accountId(),
        p.name(),
        SqlRows.lower(p.name()),
        p.path(),
        p.createDate().toEpochMilli());
  }

  @Override
  public void deleteInstanceProfile(String profileId) {
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", profileId);
    jdbc.update("DELETE FROM iam_instance_profiles WHERE id = ?", profileId);
  }

  @Override
  public boolean addRoleToInstanceProfile(String profileId, String roleId) {
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

  @Override
  public boolean removeRoleFromInstanceProfile(String profileId, String roleId) {
    return jdbc.update(
            "DELETE FROM iam_instance_profile_roles WHERE profile_id = ? AND role_id = ?",
            profileId,
            roleId)
        > 0;
  }

  @Override
  public int instanceProfileCount(String accountId) {
    return (int)
        jdbc.count("SELECT COUNT(*) FROM iam_instance_profiles WHERE account_id = ?", accountId);
  }
}
