package dev.gatehouse.core.domain;

/** The IAM entities that carry policies, tags and attachments. */
public enum EntityKind {
  USER("User"),
  GROUP("Group"),
  ROLE("Role");

  private final String wireName;

  EntityKind(String wireName) {
    this.wireName = wireName;
  }

  /** As in ListEntitiesForPolicy's EntityFilter. */
  public String wireName() {
    return wireName;
  }
}
