package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * GetRole's answer: the role, its tags and its last use.
 *
 * @param lastUsed when and in which region the role was last assumed; empty if never
 */
public record TaggedRole(Role role, List<Tag> tags, Optional<RoleLastUsed> lastUsed) {
  public TaggedRole {
    tags = List.copyOf(tags);
    Objects.requireNonNull(lastUsed, "lastUsed");
  }

  /** A role never assumed (a new one). */
  public TaggedRole(Role role, List<Tag> tags) {
    this(role, tags, Optional.empty());
  }
}
