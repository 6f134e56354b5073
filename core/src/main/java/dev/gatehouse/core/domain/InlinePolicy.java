package dev.gatehouse.core.domain;

import java.util.Objects;

/** A policy embedded in a user, group or role (identified by the owner's unique id). */
public record InlinePolicy(String ownerId, String name, String document) {
  public InlinePolicy {
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(document, "document");
  }
}
