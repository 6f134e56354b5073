package dev.gatehouse.core.sts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Revoked temporary sessions, checked on every request made with temporary credentials (DESIGN.md
 * decision 3). Three kinds of entry:
 *
 * <ul>
 *   <li>one session, by session id (with its expiry, after which the entry can go);
 *   <li>a role: every session of that role (by role id, {@code AROA...}) issued before T, like the
 *       console's "Revoke active sessions" ({@code AWSRevokeOlderSessions}, which denies when
 *       {@code aws:TokenIssueTime} is before the click time);
 *   <li>a long-term principal: every session whose chain started from that user (by user id, or the
 *       account id for the root user) issued before T, for disabling or deleting a user (ASVS
 *       7.4.2).
 * </ul>
 *
 * "Issued before T" is strict, as {@code DateLessThan} is: a session issued at T survives. The list
 * is an immutable value; storing and distributing it is the store's job.
 *
 * @param sessions revoked session ids mapped to the session's expiry
 * @param rolesIssuedBefore role ids mapped to T
 * @param originsIssuedBefore long-term principal ids mapped to T
 */
public record RevocationList(
    Map<String, Instant> sessions,
    Map<String, Instant> rolesIssuedBefore,
    Map<String, Instant> originsIssuedBefore) {

  /** The longest any session can live (GetSessionToken's 36 hours). */
  public static final Duration LONGEST_SESSION = Duration.ofSeconds(DurationRules.TOKEN_MAX);

  public RevocationList {
    sessions = Map.copyOf(sessions);
    rolesIssuedBefore = Map.copyOf(rolesIssuedBefore);
    originsIssuedBefore = Map.copyOf(originsIssuedBefore);
  }

  /** The empty list. */
  public static RevocationList empty() {
    return new RevocationList(Map.of(), Map.of(), Map.of());
  }

  /** True when {@code claims} match any entry. */
  public boolean isRevoked(SessionClaims claims) {
    if (sessions.containsKey(claims.sessionId())) {
      return true;
    }
    if (claims.principal() instanceof SessionPrincipal.AssumedRole role
        && issuedBefore(rolesIssuedBefore.get(role.roleId()), claims)) {
      return true;
    }
    return issuedBefore(originsIssuedBefore.get(claims.originId()), claims);
  }

  /** This list plus the session of {@code claims}. */
  public RevocationList revokeSession(SessionClaims claims) {
    Map<String, Instant> next = new HashMap<>(sessions);
    next.put(claims.sessionId(), claims.expiresAt());
    return new RevocationList(next, rolesIssuedBefore, originsIssuedBefore);
  }

  /** This list plus "sessions of role {@code roleId} issued before {@code cutoff}". */
  public RevocationList revokeRoleSessionsBefore(String roleId, Instant cutoff) {
    return new RevocationList(
        sessions, later(rolesIssuedBefore, roleId, cutoff), originsIssuedBefore);
  }

  /** This list plus "sessions started by {@code originId} issued before {@code cutoff}". */
  public RevocationList revokeOriginSessionsBefore(String originId, Instant cutoff) {
    return new RevocationList(
        sessions, rolesIssuedBefore, later(originsIssuedBefore, originId, cutoff));
  }

  /**
   * This list without entries that can no longer match a live session at {@code now}: revoked
   * sessions already expired, and cut-offs older than the longest session.
   */
  public RevocationList pruned(Instant now) {
    Instant oldestLiveIssue = now.minus(LONGEST_SESSION);
    Map<String, Instant> s = new HashMap<>(sessions);
    s.values().removeIf(expiry -> !now.isBefore(expiry));
    Map<String, Instant> r = new HashMap<>(rolesIssuedBefore);
    r.values().removeIf(t -> !t.isAfter(oldestLiveIssue));
    Map<String, Instant> o = new HashMap<>(originsIssuedBefore);
    o.values().removeIf(t -> !t.isAfter(oldestLiveIssue));
    return new RevocationList(s, r, o);
  }

  private static boolean issuedBefore(Instant cutoff, SessionClaims claims) {
    return cutoff != null && claims.issuedAt().isBefore(cutoff);
  }

  /** Re-revoking moves the cut-off forward, never back (re-clicking refreshes the timestamp). */
  private static Map<String, Instant> later(Map<String, Instant> map, String id, Instant cutoff) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cutoff, "cutoff");
    Map<String, Instant> next = new HashMap<>(map);
    next.merge(id, cutoff, (a, b) -> a.isAfter(b) ? a : b);
    return next;
  }
}
