package dev.gatehouse.core.snapshot;

import dev.gatehouse.core.domain.ManagedPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A snapshot's rows in the order a List call pages them, with a delta's rows put in place: each row
 * is found by binary search against the key it is listed under and put in place in a {@link
 * PersistentList}, so the new generation's list shares all but a few small nodes with the previous
 * one and creating or deleting a row costs the same whatever the account's number of rows. Most
 * writes (a user's tags, say) read their rows again and find them as they were, and then the
 * previous list is shared as it is.
 *
 * <p>Two orders: customer managed policies in ListPolicies' order ({@link #POLICIES}, keyed by
 * ARN), and users or roles in ListUsers' and ListRoles' ({@link #byName}, keyed by lower-case name,
 * compared as {@code Page.slice} compares its keys, so a page is the slice after its marker's key).
 */
final class SortedListing<T> {
  /** Where a row sorts against the key another row is listed under. */
  @FunctionalInterface
  interface Order<T> {
    /** Negative when {@code row} sorts before the row listed under {@code key}, 0 when it is it. */
    int compare(T row, String key);
  }

  /**
   * {@link ManagedPolicy#LISTING_ORDER} against a policy's ARN: a policy's name does not change and
   * its ARN ends with it, so the key needs no row.
   */
  static final Order<ManagedPolicy> POLICIES =
      (p, arn) -> {
        int c =
            String.CASE_INSENSITIVE_ORDER.compare(
                p.name(), arn.substring(arn.lastIndexOf('/') + 1));
        return c != 0 ? c : p.arn().compareTo(arn);
      };

  private final Order<T> order;
  private PersistentList<T> current;

  /** {@code base}: in {@code order}. */
  SortedListing(List<T> base, Order<T> order) {
    this.current = PersistentList.copyOf(base);
    this.order = order;
  }

  /** By lower-case name (the key a user or role is listed under), in UTF-16 code units. */
  static <T> Order<T> byName(Function<T, String> name) {
    return (row, key) -> key(name.apply(row)).compareTo(key);
  }

  /** The key a user or role is listed under: its name in lower case. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * {@code rows} in {@link #byName} order, as a list a delta derives the next generation's from.
   */
  static <T> PersistentList<T> inNameOrder(List<T> rows, Function<T, String> name) {
    List<T> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(r -> key(name.apply(r))));
    return PersistentList.copyOf(sorted);
  }

  /** Puts the row listed under {@code key} as the store now has it: {@code row}, or none. */
  void update(String key, Optional<T> row) {
    int at = find(current, key, order);
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
  PersistentList<T> result() {
    return current;
  }

  /**
   * Where the row listed under {@code key} is in {@code list}, or {@code -(insertion point) - 1}.
   */
  static <T> int find(List<T> list, String key, Order<T> order) {
    int lo = 0;
    int hi = list.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = order.compare(list.get(mid), key);
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
