package dev.gatehouse.core.sts;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored entry of Gatehouse's immediate session revocation.
 *
 * @param kind what {@code id} names
 * @param id the temporary access key id ({@link Kind#ACCESS_KEY}) or the unique id of the user (or
 *     account, for the root user) whose sessions are revoked ({@link Kind#ORIGIN}), or the access
 *     grant whose sessions are revoked ({@link Kind#GRANT})
 * @param at when the revocation was made; for {@link Kind#ORIGIN}, sessions issued before it are
 *     revoked. An entry can go once no session it could match is alive: {@code at} plus {@link
 *     RevocationList#LONGEST_SESSION}
 */
public record SessionRevocation(Kind kind, String id, Instant at) {

  /** What a revocation names. */
  public enum Kind {
    /** One session, by its temporary access key id. */
    ACCESS_KEY,
    /**
     * Every session a long-term principal started, role chains included, issued before {@code at}.
     */
    ORIGIN,
    /** Every session issued under an access grant, by the grant's id (ended early). */
    GRANT
  }

  public SessionRevocation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("empty id");
    }
  }
}
