package dev.gatehouse.core.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A snapshot's users or roles in ListUsers' and ListRoles' order: by lower-case name, compared as
 * {@code Page.slice} compares its keys (UTF-16 code units), so a page is the slice after its
 * marker's key. A delta's rows are put in place by binary search in a {@link PersistentList}, as
 * {@link CustomerListing} does for policies: the new generation shares all but a few small nodes
 * with the previous one.
 */
final class NamedListing<T> {
  private final Function<T, String> name;
  private PersistentList<T> current;

  /** {@code base}: in listing order. */
  NamedListing(List<T> base, Function<T, String> name) {
    this.current = PersistentList.copyOf(base);
    this.name = name;
  }

  /** The key a row is listed by: its name in lower case. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** {@code rows} in listing order, as a list a delta derives the next generation's from. */
  static <T> PersistentList<T> inListingOrder(List<T> rows, Function<T, String> name) {
    List<T> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(r -> key(name.apply(r))));
    return PersistentList.copyOf(sorted);
  }

  /** Puts the row listed under {@code key} as the store now has it: {@code row}, or none. */
  void update(String key, Optional<T> row) {
    int at = find(current, key, name);
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
  static <T> int find(List<T> list, String key, Function<T, String> name) {
    int lo = 0;
    int hi = list.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = key(name.apply(list.get(mid))).compareTo(key);
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
