package dev.gatehouse.core.grants;

import java.time.Instant;
import java.util.Objects;

/**
 * The grant an approved access request became: its id (sealed into every session issued under it),
 * when it starts and ends. The clock starts at approval (or at the request's start time, if later).
 *
 * @param used whether a single-use grant's one AssumeRole happened
 */
public record AccessGrant(String id, Instant start, Instant end, boolean used) {

  public AccessGrant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a grant ends after it starts");
    }
  }

  /** True from its start (inclusive) to its end (exclusive). */
  public boolean coversAt(Instant now) {
    return !now.isBefore(start) && now.isBefore(end);
  }

  /** This grant ending at {@code newEnd}. */
  public AccessGrant endingAt(Instant newEnd) {
    return new AccessGrant(id, start, newEnd, used);
  }

  /** This grant with its single use spent. */
  public AccessGrant spent() {
    return new AccessGrant(id, start, end, true);
  }
}
