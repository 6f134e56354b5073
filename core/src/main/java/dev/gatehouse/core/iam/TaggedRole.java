package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import java.util.List;

/** GetRole's answer: the role and its tags. */
public record TaggedRole(Role role, List<Tag> tags) {
  public TaggedRole {
    tags = List.copyOf(tags);
  }
}
