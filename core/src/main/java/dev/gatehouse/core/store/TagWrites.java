package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Tag;
import java.util.List;

/**
 * Writes of the store port: Tags of IAM entities, by entity id. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface TagWrites extends TagReads {
  /** Adds or replaces tags by key (case-insensitive). */
  void putTags(String entityId, List<Tag> tags);

  void removeTags(String entityId, List<String> keys);
}
