package dev.gatehouse.core.domain;

import java.util.Objects;

/** A user, group or role by unique id, with its current name (for listing). */
public record EntityRef(EntityKind kind, String id, String name) {
  public EntityRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  public static EntityRef of(User u) {
    return new EntityRef(EntityKind.USER, u.id(), u.name());
  }

  public static EntityRef of(Group g) {
    return new EntityRef(EntityKind.GROUP, g.id(), g.name());
  }

  public static EntityRef of(Role r) {
    return new EntityRef(EntityKind.ROLE, r.id(), r.name());
  }
}
