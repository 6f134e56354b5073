package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.ServiceAccess;
import dev.gatehouse.core.store.MemoryStore.State;
import java.util.ArrayList;
import java.util.List;

/** The access-advisor group of a {@link MemoryStore} transaction. */
final class MemoryServiceAccess implements ServiceAccessWrites {
  private final State s;

  MemoryServiceAccess(State s) {
    this.s = s;
  }

  private static String key(ServiceAccess a) {
    return String.join("\n", a.accountId(), a.entityArn(), a.serviceNamespace(), a.actionName());
  }

  @Override
  public List<ServiceAccess> serviceAccess(String accountId) {
    List<ServiceAccess> out = new ArrayList<>();
    for (ServiceAccess a : s.serviceAccess.values()) {
      if (a.accountId().equals(accountId)) {
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public void recordServiceAccess(ServiceAccess access) {
    s.serviceAccess.merge(
        key(access),
        access,
        (kept, given) -> given.lastAccessed().isAfter(kept.lastAccessed()) ? given : kept);
  }
}
