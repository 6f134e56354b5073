package dev.gatehouse.core.grants;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an access request, told to {@link GrantEvents} after it committed.
 *
 * @param actorArn who did it ({@code gatehouse} for expiry)
 * @param comment the reason or comment given, or empty
 */
public record GrantEvent(
    Kind kind, AccessRequest request, String actorArn, String comment, Instant at) {

  /** What happened. */
  public enum Kind {
    REQUESTED,
    APPROVED,
    /** Self-approved under break-glass: announced loudly. */
    BREAK_GLASS,
    DENIED,
    EXTENDED,
    REVOKED,
    RELEASED,
    EXPIRED
  }

  public GrantEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(actorArn, "actorArn");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(at, "at");
  }
}
