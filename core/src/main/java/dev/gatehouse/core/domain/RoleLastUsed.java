package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/** spec: GetRole RoleLastUsed: LastUsedDate and Region of the last AssumeRole. */
public record RoleLastUsed(Instant date, String region) {
  public RoleLastUsed {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(region, "region");
  }
}
