package dev.gatehouse.core.grants;

import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's in-memory view of what AssumeRole checks ({@link GrantGate}): which roles have a
 * request policy (every account's, loaded at once: there are few), and per account the approved
 * grants (requests in status ACTIVE) by role and requester, loaded on the first AssumeRole of a
 * role that requires grants. Neither is read from the store again until a change is reported.
 *
 * <p>Writers announce changes through the node's {@link IamChangeListener} under pseudo account ids
 * no account has (account ids are twelve digits), like {@code sts.Revocations}: {@link
 * #POLICIES_KEY} for request policies, {@link #grantsKey} for an account's grants; the change feed
 * carries them to the other nodes. INVARIANTS: a change made on this node is in the view its next
 * check uses (the node's listener reaches this view before the feed tells the other nodes); one
 * made on another node is seen once the feed delivers it; a lost feed ({@link #everythingChanged})
 * reloads everything.
 */
public final class LiveGrants implements IamChangeListener {
  /** The pseudo account id under which request-policy changes are announced. */
  public static final String POLICIES_KEY = "access-request-policies";

  private static final String GRANTS_PREFIX = "access-grants:";

  private final Store store;
  private final AtomicLong policyGeneration = new AtomicLong(1);
  private volatile Policies policies = new Policies(0, Map.of());
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  /** Every request policy by role id, as loaded at {@code generation}. */
  private record Policies(long generation, Map<String, RequestPolicy> byRole) {}

  /** An account's ACTIVE requests by role id and requester id, as loaded at {@code generation}. */
  private record Held(long generation, Map<String, List<AccessRequest>> byHolder) {}

  public LiveGrants(Store store) {
    this.store = store;
  }

  /** The pseudo account id under which changes of {@code accountId}'s grants are announced. */
  public static String grantsKey(String accountId) {
    return GRANTS_PREFIX + accountId;
  }

  /** The request policy of the role with unique id {@code roleId}, if it requires grants. */
  public Optional<RequestPolicy> policy(String roleId) {
    return Optional.ofNullable(currentPolicies().byRole().get(roleId));
  }

  /** The ACTIVE requests of {@code requesterId} for the role, oldest first. */
  public List<AccessRequest> active(String accountId, String roleId, String requesterId) {
    return currentHeld(accountId).byHolder().getOrDefault(holder(roleId, requesterId), List.of());
  }

  @Override
  public void committed(String accountId) {
    if (accountId.equals(POLICIES_KEY)) {
      policyGeneration.incrementAndGet();
    } else if (accountId.startsWith(GRANTS_PREFIX)) {
      generation(accountId.substring(GRANTS_PREFIX.length())).incrementAndGet();
    }
  }

  /** IAM changes leave grants alone; only the pseudo keys above count. */
  @Override
  public void lastUseRecorded(String accountId, String roleId) {}

  @Override
  public void bucketsChanged(String accountId) {}

  @Override
  public void everythingChanged() {
    policyGeneration.incrementAndGet();
    for (AtomicLong g : generations.values()) {
      g.incrementAndGet();
    }
  }

  private AtomicLong generation(String accountId) {
    return generations.computeIfAbsent(accountId, a -> new AtomicLong(1));
  }

  private static String holder(String roleId, String requesterId) {
    return roleId + " " + requesterId;
  }

  private Policies currentPolicies() {
    Policies p = policies;
    if (p.generation() >= policyGeneration.get()) {
      return p;
    }
    synchronized (policyGeneration) {
      long wanted = policyGeneration.get();
      p = policies;
      if (p.generation() >= wanted) {
        return p;
      }
      // Read after taking the generation: a change reported during the read bumps it again.
      Map<String, RequestPolicy> byRole = new HashMap<>();
      for (RequestPolicy rp : store.read(tx -> tx.accessGrants().requestPolicies())) {
        byRole.put(rp.roleId(), rp);
      }
      Policies loaded = new Policies(wanted, Map.copyOf(byRole));
      policies = loaded;
      return loaded;
    }
  }

  private Held currentHeld(String accountId) {
    AtomicLong generation = generation(accountId);
    Held h = held.get(accountId);
    if (h != null && h.generation() >= generation.get()) {
      return h;
    }
    synchronized (generation) {
      long wanted = generation.get();
      h = held.get(accountId);
      if (h != null && h.generation() >= wanted) {
        return h;
      }
      Map<String, List<AccessRequest>> byHolder = new HashMap<>();
      for (AccessRequest r : store.read(tx -> tx.accessGrants().activeAccessRequests(accountId))) {
        byHolder
            .computeIfAbsent(holder(r.roleId(), r.requesterId()), k -> new ArrayList<>())
            .add(r);
      }
      Map<String, List<AccessRequest>> frozen = new HashMap<>();
      byHolder.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      Held loaded = new Held(wanted, Map.copyOf(frozen));
      held.put(accountId, loaded);
      return loaded;
    }
  }
}
