package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.store.TagWrites;
import java.util.List;

/** The SQL tags of a transaction: Tags of IAM entities, by entity id. */
final class SqlTags implements TagWrites {
  private final Jdbc jdbc;

  SqlTags(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Tag> tags(String entityId) {
    return jdbc.list(
        "SELECT tag_key, tag_value FROM iam_tags WHERE entity_id = ? ORDER BY key_lc",
        rs -> new Tag(rs.getString(1), rs.getString(2)),
        entityId);
  }

  @Override
  public void putTags(String entityId, List<Tag> tags) {
    for (Tag t : tags) {
      jdbc.update(
          "DELETE FROM iam_tags WHERE entity_id = ? AND key_lc = ?",
          entityId,
          SqlRows.lower(t.key()));
      jdbc.update(
          "INSERT INTO iam_tags (entity_id, tag_key, key_lc, tag_value) VALUES (?, ?, ?, ?)",
          entityId,
          t.key(),
          SqlRows.lower(t.key()),
          t.value());
    }
  }

  @Override
  public void removeTags(String entityId, List<String> keys) {
    for (String k : keys) {
      jdbc.update(
          "DELETE FROM iam_tags WHERE entity_id = ? AND key_lc = ?", entityId, SqlRows.lower(k));
    }
  }
}
