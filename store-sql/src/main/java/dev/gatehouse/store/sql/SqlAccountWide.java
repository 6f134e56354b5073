package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.store.AccountWideReads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The account-wide reads a snapshot's build makes, one query each. */
final class SqlAccountWide implements AccountWideReads {
  /** The ids of the account's users, groups and roles, as a sub-select with three parameters. */
  private static final String OWNED_IDS =
      "SELECT id FROM iam_users WHERE account_id = ? UNION ALL SELECT id FROM iam_groups"
          + " WHERE account_id = ? UNION ALL SELECT id FROM iam_roles WHERE account_id = ?";

  private final Jdbc jdbc;

  SqlAccountWide(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static <T> Map<String, List<T>> grouped(List<Map.Entry<String, T>> rows) {
    Map<String, List<T>> out = new HashMap<>();
    for (Map.Entry<String, T> e : rows) {
      out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  @Override
  public Map<String, List<InlinePolicy>> inlinePoliciesByOwner(String accountId) {
    return grouped(
        jdbc.list(
            "SELECT owner_id, name, document FROM iam_inline_policies WHERE owner_id IN ("
                + OWNED_IDS
                + ") ORDER BY owner_id, name_lc",
            rs ->
                Map.entry(
                    rs.getString(1),
                    new InlinePolicy(rs.getString(1), rs.getString(2), rs.getString(3))),
            accountId,
            accountId,
            accountId));
  }

  @Override
  public Map<String, List<String>> attachedPoliciesByEntity(String accountId) {
    return grouped(
        jdbc.list(
            "SELECT entity_id, policy_arn FROM iam_attachments WHERE account_id = ?"
                + " ORDER BY entity_id, policy_arn",
            rs -> Map.entry(rs.getString(1), rs.getString(2)),
            accountId));
  }

  @Override
  public Map<String, List<Tag>> tagsByEntity(String accountId) {
    return grouped(
        jdbc.list(
            "SELECT entity_id, tag_key, tag_value FROM iam_tags WHERE entity_id IN ("
                + "SELECT id FROM iam_users WHERE account_id = ? UNION ALL SELECT id FROM iam_roles"
                + " WHERE account_id = ? UNION ALL SELECT id FROM iam_instance_profiles"
                + " WHERE account_id = ?) ORDER BY entity_id, key_lc",
            rs -> Map.entry(rs.getString(1), new Tag(rs.getString(2), rs.getString(3))),
            accountId,
            accountId,
            accountId));
  }

  @Override
  public Map<String, List<Group>> groupsByUser(String accountId) {
    return grouped(
        jdbc.list(
            "SELECT m.user_id, g.account_id, g.name, g.id, g.path, g.created_at FROM iam_groups g"
                + " JOIN iam_group_members m ON m.group_id = g.id WHERE g.account_id = ?"
                + " ORDER BY m.user_id, g.name_lc",
            rs ->
                Map.entry(
                    rs.getString(1),
                    new Group(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        SqlRows.instant(rs, 6))),
            accountId));
  }

  @Override
  public Map<String, String> defaultPolicyDocuments(String accountId) {
    Map<String, String> out = new HashMap<>();
    jdbc.list(
            "SELECT p.arn, v.document FROM iam_policies p JOIN iam_policy_versions v"
                + " ON v.policy_id = p.id AND v.version_num = p.default_version"
                + " WHERE p.account_id = ?",
            rs -> Map.entry(rs.getString(1), rs.getString(2)),
            accountId)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
