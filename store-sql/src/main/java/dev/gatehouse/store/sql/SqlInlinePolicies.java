package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.store.InlinePolicyWrites;
import java.util.List;
import java.util.Optional;

/**
 * The SQL inlinePolicies of a transaction: Inline policies of users, groups and roles, by owner id.
 */
final class SqlInlinePolicies implements InlinePolicyWrites {
  private final Jdbc jdbc;

  SqlInlinePolicies(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<InlinePolicy> inlinePolicy(String ownerId, String name) {
    return jdbc.one(
        "SELECT owner_id, name, document FROM iam_inline_policies"
            + " WHERE owner_id = ? AND name_lc = ?",
        rs -> new InlinePolicy(rs.getString(1), rs.getString(2), rs.getString(3)),
        ownerId,
        SqlRows.lower(name));
  }

  @Override
  public List<InlinePolicy> inlinePolicies(String ownerId) {
    return jdbc.list(
        "SELECT owner_id, name, document FROM iam_inline_policies WHERE owner_id = ?"
            + " ORDER BY name_lc",
        rs -> new InlinePolicy(rs.getString(1), rs.getString(2), rs.getString(3)),
        ownerId);
  }

  @Override
  public void putInlinePolicy(InlinePolicy policy) {
    jdbc.update(
        "DELETE FROM iam_inline_policies WHERE owner_id = ? AND name_lc = ?",
        policy.ownerId(),
        SqlRows.lower(policy.name()));
    jdbc.update(
        "INSERT INTO iam_inline_policies (owner_id, name, name_lc, document) VALUES (?, ?, ?, ?)",
        policy.ownerId(),
        policy.name(),
        SqlRows.lower(policy.name()),
        policy.document());
  }

  @Override
  public boolean deleteInlinePolicy(String ownerId, String name) {
    return jdbc.update(
            "DELETE FROM iam_inline_policies WHERE owner_id = ? AND name_lc = ?",
            ownerId,
            SqlRows.lower(name))
        > 0;
  }
}
