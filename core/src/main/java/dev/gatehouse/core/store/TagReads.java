package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Tag;
import java.util.List;

/** Reads of the store port: Tags of IAM entities, by entity id. */
public interface TagReads {
  List<Tag> tags(String entityId);
}
