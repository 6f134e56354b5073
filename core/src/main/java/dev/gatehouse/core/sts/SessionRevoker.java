package dev.gatehouse.core.sts;

import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes session revocations (Gatehouse's own, beyond AWS: AWS-FACTS 2.3) and announces each under
 * {@link Revocations#CHANGE_KEY}, so every node's {@link Revocations} view reloads. Entries are
 * pruned as they are written, once no session they could match can still be alive.
 */
public final class SessionRevoker {
  private final Store store;
  private final IamChangeListener changes;
  private final Clock clock;

  /**
   * @param changes told after each revocation: the node's change listener, which tells this node's
   *     {@link Revocations} first (read-your-writes), then the other nodes (the change feed)
   */
  public SessionRevoker(Store store, IamChangeListener changes, Clock clock) {
    this.store = store;
    this.changes = changes;
    this.clock = clock;
  }

  /** Revokes the session using temporary access key {@code accessKeyId}, from now on. */
  public void revokeAccessKey(String accessKeyId) {
    revoke(SessionRevocation.Kind.ACCESS_KEY, accessKeyId);
  }

  /** Revokes every session started by the user with unique id {@code userId} until now. */
  public void revokeOrigin(String userId) {
    revoke(SessionRevocation.Kind.ORIGIN, userId);
  }

  private void revoke(SessionRevocation.Kind kind, String id) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    store.write(
        tx -> {
          tx.sessions().putSessionRevocation(new SessionRevocation(kind, id, now));
          return tx.sessions().pruneSessionRevocations(now.minus(RevocationList.LONGEST_SESSION));
        });
    changes.committed(Revocations.CHANGE_KEY);
  }
}
