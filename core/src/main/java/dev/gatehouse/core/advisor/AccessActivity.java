package dev.gatehouse.core.advisor;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.ServiceAccess;
import dev.gatehouse.core.store.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access advisor's record of attempts, kept cheaply: a request only updates an in-memory entry per
 * (account, entity, service, action); {@link #flush} writes the pending entries in one store
 * transaction, off the request path (the server flushes every {@link #FLUSH_SECONDS} seconds, a
 * report flushes first). spec: IAM User Guide, "Refining permissions using last accessed
 * information": last accessed information includes all attempts, not only the successful ones, and
 * the root user, users and roles are the entities; a role's sessions count as the role.
 */
public final class AccessActivity implements AccessAttempts {
  private static final Logger LOG = LoggerFactory.getLogger(AccessActivity.class);

  /** How often the server writes what is pending. */
  public static final int FLUSH_SECONDS = 10;

  /** Distinct pending entries beyond which new ones wait for the next flush to be kept. */
  static final int MAX_PENDING = 100_000;

  private record Key(String accountId, String entityArn, String service, String action) {}

  private record Use(String region, Instant at) {}

  private final Store store;
  private final Map<Key, Use> pending = new ConcurrentHashMap<>();

  public AccessActivity(Store store) {
    this.store = store;
  }

  /**
   * The entity an attempt is recorded for: the user, the root user, or the role of a role session
   * (its principal ARN); nothing for an anonymous caller.
   */
  static Optional<String> entityArn(Principal principal) {
    if (principal instanceof Principal.Session s) {
      return Optional.of(s.claims().principalArn());
    }
    if (principal instanceof Principal.Anonymous) {
      return Optional.empty();
    }
    return Optional.of(principal.arn());
  }

  @Override
  public void attempted(Principal principal, String action, String region, Instant at) {
    Optional<String> entity = entityArn(principal);
    int colon = action.indexOf(':');
    if (entity.isEmpty() || colon <= 0) {
      return;
    }
    Key key =
        new Key(
            principal.accountId(),
            entity.get(),
            action.substring(0, colon).toLowerCase(Locale.ROOT),
            action.substring(colon + 1));
    if (pending.size() >= MAX_PENDING && !pending.containsKey(key)) {
      return; // bounded memory; AWS, too, reports last access approximately
    }
    Use use = new Use(region, at.truncatedTo(ChronoUnit.MILLIS));
    pending.merge(key, use, (kept, given) -> given.at().isAfter(kept.at()) ? given : kept);
  }

  /** Writes every pending entry in one transaction; a failure is logged and the entries dropped. */
  public void flush() {
    List<ServiceAccess> batch = new ArrayList<>();
    for (Key k : List.copyOf(pending.keySet())) {
      Use use = pending.remove(k); // an attempt merged after this starts the next batch
      if (use != null) {
        batch.add(
            new ServiceAccess(
                k.accountId(), k.entityArn(), k.service(), k.action(), use.region(), use.at()));
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      store.write(
          tx -> {
            for (ServiceAccess a : batch) {
              tx.serviceAccess().recordServiceAccess(a);
            }
            return null;
          });
    } catch (RuntimeException e) {
      // Requests were answered either way; a lost last-access date is not worth more.
      LOG.warn("could not record {} service last-access entries", batch.size(), e);
    }
  }
}
