package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.UserWrites;
import java.util.List;
import java.util.Optional;

/** The SQL users of a transaction: IAM users. */
final class SqlUsers implements UserWrites {
  private final Jdbc jdbc;

  SqlUsers(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<User> user(String accountId, String name) {
    return jdbc.one(
        "SELECT " + SqlRows.USER_COLUMNS + " FROM iam_users WHERE account_id = ? AND name_lc = ?",
        SqlRows::user,
        accountId,
        SqlRows.lower(name));
  }

  @Override
  public Optional<User> userById(String userId) {
    return jdbc.one(
        "SELECT " + SqlRows.USER_COLUMNS + " FROM iam_users WHERE id = ?", SqlRows::user, userId);
  }

  @Override
  public List<User> users(String accountId) {
    return jdbc.list(
        "SELECT " + SqlRows.USER_COLUMNS + " FROM iam_users WHERE account_id = ? ORDER BY name_lc",
        SqlRows::user,
        accountId);
  }

  @Override
  public int userCount(String accountId) {
    return (int) jdbc.count("SELECT COUNT(*) FROM iam_users WHERE account_id = ?", accountId);
  }

  @Override
  public void createUser(User user) {
    jdbc.update(
        "INSERT INTO iam_users (id, account_id, name, name_lc, path, created_at, boundary_arn)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        user.id(),
        user.accountId(),
        user.name(),
        SqlRows.lower(user.name()),
        user.path(),
        user.createDate().toEpochMilli(),
        user.permissionsBoundaryArn());
  }

  @Override
  public void updateUser(User user) {
    jdbc.update(
        "UPDATE iam_users SET name = ?, name_lc = ?, path = ?, boundary_arn = ? WHERE id = ?",
        user.name(),
        SqlRows.lower(user.name()),
        user.path(),
        user.permissionsBoundaryArn(),
        user.id());
  }

  @Override
  public void deleteUser(String userId) {
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", userId);
    jdbc.update("DELETE FROM iam_users WHERE id = ?", userId);
  }
}
