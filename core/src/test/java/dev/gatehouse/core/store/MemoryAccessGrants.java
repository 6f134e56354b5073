package dev.gatehouse.core.store;

import dev.gatehouse.core.grants.AccessDecision;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.NotificationConfig;
import dev.gatehouse.core.grants.RequestPolicy;
import dev.gatehouse.core.store.MemoryStore.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The access-grant group of a {@link MemoryStore} transaction. */
final class MemoryAccessGrants implements AccessGrantWrites {
  private static final Comparator<AccessRequest> OLDEST_FIRST =
      Comparator.comparing(AccessRequest::createdAt).thenComparing(AccessRequest::id);

  private final State s;

  MemoryAccessGrants(State s) {
    this.s = s;
  }

  @Override
  public Optional<RequestPolicy> requestPolicy(String roleId) {
    return Optional.ofNullable(s.requestPolicies.get(roleId));
  }

  @Override
  public List<RequestPolicy> requestPolicies() {
    return List.copyOf(s.requestPolicies.values());
  }

  @Override
  public Optional<AccessRequest> accessRequest(String accountId, String requestId) {
    return Optional.ofNullable(s.accessRequests.get(requestId))
        .filter(r -> r.accountId().equals(accountId));
  }

  @Override
  public Optional<AccessRequest> accessRequestByGrant(String accountId, String grantId) {
    return s.accessRequests.values().stream()
        .filter(r -> r.accountId().equals(accountId))
        .filter(r -> r.grant().filter(g -> g.id().equals(grantId)).isPresent())
        .findFirst();
  }

  @Override
  public List<AccessRequest> accessRequests(String accountId) {
    return s.accessRequests.values().stream()
        .filter(r -> r.accountId().equals(accountId))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public List<AccessRequest> activeAccessRequests(String roleId, String requesterId) {
    return s.accessRequests.values().stream()
        .filter(r -> r.roleId().equals(roleId) && r.requesterId().equals(requesterId))
        .filter(r -> r.status() == AccessRequest.Status.ACTIVE)
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public List<AccessRequest> activeAccessRequests(String accountId) {
    return s.accessRequests.values().stream()
        .filter(r -> r.accountId().equals(accountId))
        .filter(r -> r.status() == AccessRequest.Status.ACTIVE)
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public List<AccessRequest> activeAccessRequestsEndedBy(Instant at) {
    return s.accessRequests.values().stream()
        .filter(r -> r.status() == AccessRequest.Status.ACTIVE)
        .filter(r -> !r.grant().orElseThrow().end().isAfter(at))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public Optional<NotificationConfig> notificationConfig(String accountId) {
    return Optional.ofNullable(s.notificationConfigs.get(accountId));
  }

  @Override
  public void putNotificationConfig(NotificationConfig config) {
    s.notificationConfigs.put(config.accountId(), config);
  }

  @Override
  public boolean deleteNotificationConfig(String accountId) {
    return s.notificationConfigs.remove(accountId) != null;
  }

  @Override
  public List<AccessDecision> accessDecisions(String requestId) {
    return List.copyOf(s.accessDecisions.getOrDefault(requestId, List.of()));
  }

  @Override
  public void putRequestPolicy(RequestPolicy policy) {
    s.requestPolicies.put(policy.roleId(), policy);
  }

  @Override
  public boolean deleteRequestPolicy(String roleId) {
    return s.requestPolicies.remove(roleId) != null;
  }

  @Override
  public void createAccessRequest(AccessRequest request) {
    if (s.accessRequests.containsKey(request.id())) {
      throw new StoreConflict("access request id taken: " + request.id(), null);
    }
    s.accessRequests.put(request.id(), request);
  }

  @Override
  public boolean updateAccessRequest(AccessRequest request) {
    AccessRequest old = s.accessRequests.get(request.id());
    if (old == null) {
      return false;
    }
    for (AccessRequest other : s.accessRequests.values()) {
      if (!other.id().equals(request.id())
          && request.grant().isPresent()
          && other.grant().filter(g -> g.id().equals(request.grant().get().id())).isPresent()) {
        throw new StoreConflict("grant id taken: " + request.grant().get().id(), null);
      }
    }
    s.accessRequests.put(request.id(), request);
    return true;
  }

  @Override
  public boolean updateAccessRequest(AccessRequest request, AccessRequest.Status expected) {
    AccessRequest old = s.accessRequests.get(request.id());
    return old != null && old.status() == expected && updateAccessRequest(request);
  }

  @Override
  public void addAccessDecision(AccessDecision decision) {
    List<AccessDecision> history =
        new ArrayList<>(s.accessDecisions.getOrDefault(decision.requestId(), List.of()));
    for (AccessDecision d : history) {
      if (d.seq() == decision.seq()) {
        throw new StoreConflict("step taken: " + decision.requestId() + " " + decision.seq(), null);
      }
    }
    history.add(decision);
    history.sort(Comparator.comparingInt(AccessDecision::seq));
    s.accessDecisions.put(decision.requestId(), List.copyOf(history));
  }
}
