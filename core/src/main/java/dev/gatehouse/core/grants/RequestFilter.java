package dev.gatehouse.core.grants;

import java.time.Instant;
import java.util.Optional;

/**
 * What ListAccessRequests keeps: every criterion given must match.
 *
 * @param roleArn requests for this role
 * @param requesterArn requests made by this user
 * @param phase requests in this phase now ({@link AccessRequest#phaseAt})
 * @param since requests made at or after this time
 */
public record RequestFilter(
    Optional<String> roleArn,
    Optional<String> requesterArn,
    Optional<AccessRequest.Phase> phase,
    Optional<Instant> since) {

  /** Keeps every request. */
  public static RequestFilter all() {
    return new RequestFilter(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether {@code r} passes at {@code now}. */
  public boolean keeps(AccessRequest r, Instant now) {
    return roleArn.map(a -> a.equals(r.roleArn())).orElse(true)
        && requesterArn.map(a -> a.equals(r.requesterArn())).orElse(true)
        && phase.map(p -> p == r.phaseAt(now)).orElse(true)
        && since.map(t -> !r.createdAt().isBefore(t)).orElse(true);
  }
}
