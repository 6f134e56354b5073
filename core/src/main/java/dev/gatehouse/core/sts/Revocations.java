package dev.gatehouse.core.sts;

import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gatehouse's immediate session revocation (beyond AWS, which cannot revoke: AWS-FACTS 2.3): one
 * session by its temporary access key id, or every session a user started (role sessions included)
 * before a cut-off. Kept in the store ({@link SessionRevoker} writes it), so a restart keeps it and
 * every node sharing the store honours it.
 *
 * <p>Checked on every request signed with temporary credentials, so each node keeps this in-memory
 * view, reloaded from the store on the first check after a revocation was reported: {@link
 * #committed} with {@link #CHANGE_KEY}, a pseudo account id no account has (account ids are twelve
 * digits), under which {@link SessionRevoker} announces its writes; or {@link #everythingChanged}
 * (a lost change feed). IAM changes of real accounts leave the view alone. INVARIANTS: a revocation
 * made on this node is in the view its next check uses, as long as the listener the revoker tells
 * reaches this view first (the node's change listener does, before the change feed notifies the
 * other nodes); one made on another node is seen once the change feed delivers it.
 */
public final class Revocations implements IamChangeListener {
  /** The pseudo account id under which revocation changes are announced. */
  public static final String CHANGE_KEY = "sts-revocations";

  private final Store store;

  /** Bumped for each reported change; the view is stale while its generation is older. */
  private final AtomicLong generation = new AtomicLong(1);

  private volatile View view = new View(0, Set.of(), Set.of(), RevocationList.empty());

  /** Revoked access keys, ended grants and the origin cut-offs, as loaded at {@code generation}. */
  private record View(
      long generation, Set<String> accessKeys, Set<String> grants, RevocationList list) {}

  /**
   * @param dataDir where an earlier version kept revocations in a file; imported once into the
   *     store
   */
  public Revocations(Store store, Path dataDir) {
    this.store = store;
    LegacyStsFiles.importRevocations(dataDir, store);
  }

  public boolean isRevoked(SessionClaims claims) {
    View v = current();
    return v.accessKeys().contains(claims.accessKeyId())
        || claims.grantId().filter(v.grants()::contains).isPresent()
        || v.list().isRevoked(claims);
  }

  @Override
  public void committed(String accountId) {
    if (accountId.equals(CHANGE_KEY)) {
      generation.incrementAndGet();
    }
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
      List<SessionRevocation> rows = store.read(tx -> tx.sessions().sessionRevocations());
      Set<String> keys = new HashSet<>();
      Set<String> grants = new HashSet<>();
      Map<String, Instant> origins = new HashMap<>();
      for (SessionRevocation r : rows) {
        if (r.kind() == SessionRevocation.Kind.ACCESS_KEY) {
          keys.add(r.id());
        } else if (r.kind() == SessionRevocation.Kind.GRANT) {
          grants.add(r.id());
        } else {
          origins.put(r.id(), r.at());
        }
      }
      View loaded =
          new View(
              wanted,
              Set.copyOf(keys),
              Set.copyOf(grants),
              new RevocationList(Map.of(), Map.of(), origins));
      view = loaded;
      return loaded;
    }
  }
}
