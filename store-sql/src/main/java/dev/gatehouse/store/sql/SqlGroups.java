package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.GroupWrites;
import java.util.List;
import java.util.Optional;

/** The SQL groups of a transaction: IAM groups and their members. */
final class SqlGroups implements GroupWrites {
  private final Jdbc jdbc;

  SqlGroups(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Group> group(String accountId, String name) {
    return jdbc.one(
        "SELECT " + SqlRows.GROUP_COLUMNS + " FROM iam_groups WHERE account_id = ? AND name_lc = ?",
        SqlRows::group,
        accountId,
        SqlRows.lower(name));
  }

  @Override
  public List<Group> groups(String accountId) {
    return jdbc.list(
        "SELECT "
            + SqlRows.GROUP_COLUMNS
            + " FROM iam_groups WHERE account_id = ? ORDER BY name_lc",
        SqlRows::group,
        accountId);
  }

  @Override
  public int groupCount(String accountId) {
    return (int) jdbc.count("SELECT COUNT(*) FROM iam_groups WHERE account_id = ?", accountId);
  }

  @Override
  public List<Group> groupsForUser(String userId) {
    return jdbc.list(
        "SELECT g.account_id, g.name, g.id, g.path, g.created_at FROM iam_groups g"
            + " JOIN iam_group_members m ON m.group_id = g.id WHERE m.user_id = ?"
            + " ORDER BY g.name_lc",
        SqlRows::group,
        userId);
  }

  @Override
  public List<User> groupMembers(String groupId) {
    return jdbc.list(
        "SELECT u.account_id, u.name, u.id, u.path, u.created_at, u.boundary_arn FROM iam_users u"
            + " JOIN iam_group_members m ON m.user_id = u.id WHERE m.group_id = ?"
            + " ORDER BY u.name_lc",
        SqlRows::user,
        groupId);
  }

  @Override
  public void createGroup(Group group) {
    jdbc.update(
        "INSERT INTO iam_groups (id, account_id, name, name_lc, path, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        group.id(),
        group.accountId(),
        group.name(),
        SqlRows.lower(group.name()),
        group.path(),
        group.createDate().toEpochMilli());
  }

  @Override
  public void updateGroup(Group group) {
    jdbc.update(
        "UPDATE iam_groups SET name = ?, name_lc = ?, path = ? WHERE id = ?",
        group.name(),
        SqlRows.lower(group.name()),
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
}
