package dev.gatehouse.core.grants;

import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Marks grants whose end passed as expired: their request becomes ENDED (EXPIRED), its history
 * gains an EXPIRED step by {@link #ACTOR}, and {@link GrantEvents} hears of it once. A grant past
 * its end already refuses new sessions (its phase is EXPIRED whether marked or not), so this only
 * makes the history and the notification happen.
 *
 * <p>Nodes sharing a store may sweep at once: each grant is marked by one conditional update that
 * expects status ACTIVE, so exactly one node wins it, writes its step and tells of it.
 */
public final class GrantExpiry {
  /** The actor of the steps the service takes itself. */
  public static final String ACTOR = "gatehouse";

  private final Store store;
  private final Clock clock;
  private final IamChangeListener changes;
  private final GrantEvents events;

  public GrantExpiry(Store store, Clock clock, IamChangeListener changes, GrantEvents events) {
    this.store = store;
    this.clock = clock;
    this.changes = changes;
    this.events = events;
  }

  /** Marks every grant that has run out by now; returns those this call marked, oldest first. */
  public List<AccessRequest> sweep() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<AccessRequest> due = store.read(tx -> tx.accessGrants().activeAccessRequestsEndedBy(now));
    List<AccessRequest> marked = new ArrayList<>();
    for (AccessRequest r : due) {
      Optional<AccessRequest> won = expire(r);
      if (won.isPresent()) {
        marked.add(won.get());
        changes.committed(LiveGrants.grantsKey(r.accountId()));
        events.happened(
            new GrantEvent(GrantEvent.Kind.EXPIRED, won.get(), ACTOR, "", expiredAt(r)));
      }
    }
    return marked;
  }

  /** The request marked expired, or empty when another writer changed it first. */
  private Optional<AccessRequest> expire(AccessRequest r) {
    Instant at = expiredAt(r);
    AccessRequest expired = r.endedAt(at, AccessRequest.EndReason.EXPIRED);
    return store.write(
        tx -> {
          if (!tx.accessGrants().updateAccessRequest(expired, AccessRequest.Status.ACTIVE)) {
            return Optional.empty();
          }
          int seq = tx.accessGrants().accessDecisions(r.id()).size() + 1;
          tx.accessGrants()
              .addAccessDecision(
                  new AccessDecision(r.id(), seq, at, ACTOR, AccessDecision.Kind.EXPIRED, "", ""));
          return Optional.of(expired);
        });
  }

  private static Instant expiredAt(AccessRequest r) {
    return r.grant().orElseThrow().end();
  }
}
