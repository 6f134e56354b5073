package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;

/** Row mappers and column lists the SQL groups share. */
final class SqlRows {
  private SqlRows() {}

  static final String USER_COLUMNS = "account_id, name, id, path, created_at, boundary_arn";
  static final String GROUP_COLUMNS = "account_id, name, id, path, created_at";
  static final String ROLE_COLUMNS =
      "account_id, name, id, path, created_at, description, max_session_duration, trust_policy,"
          + " boundary_arn";
  static final String POLICY_COLUMNS =
      "p.account_id, p.name, p.id, p.path, p.default_version, p.description, p.created_at,"
          + " p.updated_at, (SELECT COUNT(*) FROM iam_attachments a"
          + " WHERE a.account_id = p.account_id AND a.policy_arn = p.arn)";
  static final String KEY_COLUMNS = "access_key_id, account_id, user_id, status, created_at";

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        instant(rs, 5),
        rs.getString(6));
  }

  static Group group(ResultSet rs) throws SQLException {
    return new Group(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5));
  }

  static Role role(ResultSet rs) throws SQLException {
    return new Role(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        instant(rs, 5),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8),
        rs.getString(9));
  }

  static ManagedPolicy policy(ResultSet rs) throws SQLException {
    return new ManagedPolicy(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        "v" + rs.getInt(5),
        rs.getString(6),
        instant(rs, 7),
        instant(rs, 8),
        true,
        rs.getInt(9));
  }

  static AccessKey accessKey(ResultSet rs) throws SQLException {
    String userId = rs.getString(3);
    AccessKeyOwner owner =
        userId == null ? new AccessKeyOwner.Root() : new AccessKeyOwner.IamUser(userId);
    AccessKeyStatus status =
        AccessKeyStatus.fromWireName(rs.getString(4))
            .orElseThrow(() -> new IllegalStateException("unknown key status in store"));
    return new AccessKey(rs.getString(1), rs.getString(2), owner, status, instant(rs, 5));
  }
}
