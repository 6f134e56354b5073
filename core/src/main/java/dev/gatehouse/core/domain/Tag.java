package dev.gatehouse.core.domain;

import java.util.Objects;

/** A tag on a user, role or policy. Keys compare case-insensitively; case is preserved. */
public record Tag(String key, String value) {
  public Tag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
