package dev.gatehouse.core.sts;

import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gatehouse's immediate session revocation (beyond AWS, which cannot revoke: AWS-FACTS 2.3): one
 * session by its temporary access key id, or every session a user started (role sessions included)
 * before now. Kept in the store, so a restart keeps it and every node sharing the store honours it;
 * entries are pruned once no session they could match can still be alive.
 *
 * <p>Checked on every request signed with temporary credentials, so each node keeps an in-memory
 * view, reloaded from the store on the first check after a change was reported. INVARIANTS: a
 * revocation made on this node is in the view its next check uses (read-your-writes: the view is
 * marked stale after the commit, before the revoking call returns); one made on another node is
 * seen once the change feed reports a change ({@link #committed} or {@link #everythingChanged}, for
 * any account). After its own writes this class announces the change to {@code changes} under
 * {@link #CHANGE_KEY}, a pseudo account id no account has (account ids are twelve digits), so the
 * change feed carries it to the other nodes.
 */
public final class Revocations implements IamChangeListener {
  /** The pseudo account id under which revocation changes are announced. */
  public static final String CHANGE_KEY = "sts-revocations";

  private final Store store;
  private final IamChangeListener changes;
  private final Clock clock;

  /** Bumped for each reported change; the view is stale while its generation is older. */
  private final AtomicLong generation = new AtomicLong(1);

  private volatile View view = new View(0, Set.of(), RevocationList.empty());

  /** Revoked access keys and the origin cut-offs, as loaded at {@code generation}. */
  private record View(long generation, Set<String> accessKeys, RevocationList list) {}

  /**
   * @param dataDir where an earlier version kept revocations in a file; imported once into the
   *     store
   * @param changes told after each revocation (the change feed, on a shared store)
   */
  public Revocations(Store store, Path dataDir, IamChangeListener changes, Clock clock) {
    this.store = store;
    this.changes = changes;
    this.clock = clock;
    LegacyStsFiles.importRevocations(dataDir, store);
  }

  public boolean isRevoked(SessionClaims claims) {
    View v = current();
    return v.accessKeys().contains(claims.accessKeyId()) || v.list().isRevoked(claims);
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
          tx.putSessionRevocation(new SessionRevocation(kind, id, now));
          return tx.pruneSessionRevocations(now.minus(RevocationList.LONGEST_SESSION));
        });
    generation.incrementAndGet();
    changes.committed(CHANGE_KEY);
  }

  @Override
  public void committed(String accountId) {
    generation.incrementAndGet();
  }

  @Override
  public void everythingChanged() {
    generation.incrementAndGet();
  }

  /** The view, reloaded first when a change was reported since it was loaded. */
  private View current() {
    View v = view;
    if (v.generation() >= generation.get()) {
      return v;
    }
    synchronized (this) {
      long wanted = generation.get();
      v = view;
      if (v.generation() >= wanted) {
        return v;
      }
      // Read after taking the generation: a change reported during the read bumps it again.
      List<SessionRevocation> rows = store.read(tx -> tx.sessionRevocations());
      Set<String> keys = new HashSet<>();
      Map<String, Instant> origins = new HashMap<>();
      for (SessionRevocation r : rows) {
        if (r.kind() == SessionRevocation.Kind.ACCESS_KEY) {
          keys.add(r.id());
        } else {
          origins.put(r.id(), r.at());
        }
      }
      View loaded =
          new View(wanted, Set.copyOf(keys), new RevocationList(Map.of(), Map.of(), origins));
      view = loaded;
      return loaded;
    }
  }
}
