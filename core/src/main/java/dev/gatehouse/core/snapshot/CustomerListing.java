package dev.gatehouse.core.snapshot;

import dev.gatehouse.core.domain.ManagedPolicy;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot's customer managed policies in ListPolicies' order ({@link
 * ManagedPolicy#LISTING_ORDER}), with a delta's rows put in place. Each row is found by binary
 * search (policy names do not change, and the ARN ends with the name) and put in place in a {@link
 * PersistentList}: the new generation's list shares all but a few small nodes with the previous
 * one, so creating or deleting a policy costs the same whatever the account's number of policies.
 * Most writes (a user's tags, say) read their policies' rows again and find them as they were, and
 * then the previous list is shared as it is.
 */
final class CustomerListing {
  private PersistentList<ManagedPolicy> current;

  /** {@code base}: in listing order. */
  CustomerListing(List<ManagedPolicy> base) {
    this.current = PersistentList.copyOf(base);
  }

  /** Puts the policy {@code arn} as the store now has it: {@code row}, or none. */
  void update(String arn, Optional<ManagedPolicy> row) {
    String name =
        row.map(ManagedPolicy::name).orElseGet(() -> arn.substring(arn.lastIndexOf('/') + 1));
    int at = find(current, name, arn);
    if (row.isEmpty()) {
      if (at >= 0) {
        current = current.removed(at);
      }
    } else if (at < 0) {
      current = current.inserted(-at - 1, row.get());
    } else if (!current.get(at).equals(row.get())) {
      current = current.replaced(at, row.get());
    }
  }

  /** The list after the updates: the base itself when none changed a row. */
  PersistentList<ManagedPolicy> result() {
    return current;
  }

  /**
   * Where {@code (name, arn)} is in {@code list}, or {@code -(insertion point) - 1}: {@link
   * ManagedPolicy#LISTING_ORDER} against a key that needs no row.
   */
  static int find(List<ManagedPolicy> list, String name, String arn) {
    int lo = 0;
    int hi = list.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      ManagedPolicy p = list.get(mid);
      int c = String.CASE_INSENSITIVE_ORDER.compare(p.name(), name);
      if (c == 0) {
        c = p.arn().compareTo(arn);
      }
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }
}
