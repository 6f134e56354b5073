package dev.gatehouse.core.grants;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in the history of an access request: who did what, when, with which comment. Kept for
 * ever with the request.
 *
 * @param seq the step's number within its request, from 1
 * @param actorArn the caller's ARN (a session's ARN for a role session); {@code gatehouse} for
 *     steps the service takes itself (expiry)
 * @param detail the step's figures, such as the seconds an extension added; empty when none
 */
public record AccessDecision(
    String requestId,
    int seq,
    Instant at,
    String actorArn,
    Kind kind,
    String comment,
    String detail) {

  /** What a step did. */
  public enum Kind {
    REQUESTED,
    APPROVED,
    /** The requester approved their own request under the policy's break-glass. */
    BREAK_GLASS,
    DENIED,
    EXTENDED,
    REVOKED,
    RELEASED,
    /** A single-use grant's one AssumeRole. */
    USED,
    /** The grant's end passed (the service's own step, by {@code gatehouse}). */
    EXPIRED
  }

  public AccessDecision {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actorArn, "actorArn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(detail, "detail");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1: " + seq);
    }
  }
}
