package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.store.PasswordWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Login profiles, root passwords and password policies in SQL (schema V4). Only hashes are stored;
 * the write methods run inside the caller's write transaction.
 */
final class SqlPasswords implements PasswordWrites {
  private static final String PROFILE_COLUMNS =
      "user_id, password_hash, created_at, password_changed_at, reset_required, password_history";
  private static final String POLICY_COLUMNS =
      "minimum_length, require_symbols, require_numbers, require_uppercase, require_lowercase,"
          + " allow_users_to_change, max_password_age, password_reuse_prevention, hard_expiry";

  private final Jdbc jdbc;

  SqlPasswords(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<LoginProfile> loginProfile(String userId) {
    return jdbc.one(
        "SELECT " + PROFILE_COLUMNS + " FROM iam_login_profiles WHERE user_id = ?",
        SqlPasswords::profile,
        userId);
  }

  private static LoginProfile profile(ResultSet rs) throws SQLException {
    String history = rs.getString(6);
    return new LoginProfile(
        rs.getString(1),
        rs.getString(2),
        SqlRows.instant(rs, 3),
        SqlRows.instant(rs, 4),
        rs.getInt(5) != 0,
        history.isEmpty() ? List.of() : Arrays.asList(history.split("\n")));
  }

  @Override
  public Optional<String> rootPasswordHash(String accountId) {
    return jdbc.one(
        "SELECT password_hash FROM iam_root_passwords WHERE account_id = ?",
        rs -> rs.getString(1),
        accountId);
  }

  @Override
  public Optional<PasswordPolicy> passwordPolicy(String accountId) {
    return jdbc.one(
        "SELECT " + POLICY_COLUMNS + " FROM iam_password_policies WHERE account_id = ?",
        rs ->
            new PasswordPolicy(
                rs.getInt(1),
                rs.getInt(2) != 0,
                rs.getInt(3) != 0,
                rs.getInt(4) != 0,
                rs.getInt(5) != 0,
                rs.getInt(6) != 0,
                rs.getInt(7),
                rs.getInt(8),
                rs.getInt(9) != 0),
        accountId);
  }

  @Override
  public void createLoginProfile(LoginProfile p) {
    jdbc.update(
        "INSERT INTO iam_login_profiles (" + PROFILE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        p.userId(),
        p.passwordHash(),
        p.createDate().toEpochMilli(),
        p.passwordChangedAt().toEpochMilli(),
        flag(p.passwordResetRequired()),
        String.join("\n", p.passwordHistory()));
  }

  @Override
  public void updateLoginProfile(LoginProfile p) {
    jdbc.update(
        "UPDATE iam_login_profiles SET password_hash = ?, password_changed_at = ?,"
            + " reset_required = ?, password_history = ? WHERE user_id = ?",
        p.passwordHash(),
        p.passwordChangedAt().toEpochMilli(),
        flag(p.passwordResetRequired()),
        String.join("\n", p.passwordHistory()),
        p.userId());
  }

  @Override
  public boolean deleteLoginProfile(String userId) {
    return jdbc.update("DELETE FROM iam_login_profiles WHERE user_id = ?", userId) > 0;
  }

  @Override
  public void setRootPasswordHash(String accountId, String hash) {
    if (jdbc.update(
            "UPDATE iam_root_passwords SET password_hash = ? WHERE account_id = ?", hash, accountId)
        == 0) {
      jdbc.update(
          "INSERT INTO iam_root_passwords (account_id, password_hash) VALUES (?, ?)",
          accountId,
          hash);
    }
  }

  @Override
  public void putPasswordPolicy(String accountId, PasswordPolicy p) {
    deletePasswordPolicy(accountId);
    jdbc.update(
        "INSERT INTO iam_password_policies (account_id, "
            + POLICY_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        accountId,
        p.minimumPasswordLength(),
        flag(p.requireSymbols()),
        flag(p.requireNumbers()),
        flag(p.requireUppercaseCharacters()),
        flag(p.requireLowercaseCharacters()),
        flag(p.allowUsersToChangePassword()),
        p.maxPasswordAge(),
        p.passwordReusePrevention(),
        flag(p.hardExpiry()));
  }

  @Override
  public boolean deletePasswordPolicy(String accountId) {
    return jdbc.update("DELETE FROM iam_password_policies WHERE account_id = ?", accountId) > 0;
  }

  private static int flag(boolean b) {
    return b ? 1 : 0;
  }
}
