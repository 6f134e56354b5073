package dev.gatehouse.core.iam;

import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a List call: the items, {@code IsTruncated}, and the {@code Marker} to pass for the
 * next page when truncated.
 */
public final class Page<T> {
  private static final String MARKER_PREFIX = "gh1:";

  private final List<T> items;
  private final String marker;

  private Page(List<T> items, String marker) {
    this.items = List.copyOf(items);
    this.marker = marker;
  }

  public static <T> Page<T> of(List<T> items) {
    return new Page<>(items, "");
  }

  public List<T> items() {
    return items;
  }

  public boolean isTruncated() {
    return !marker.isEmpty();
  }

  /** The opaque marker of the next page, present exactly when truncated. */
  public Optional<String> marker() {
    return marker.isEmpty() ? Optional.empty() : Optional.of(marker);
  }

  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    List<R> out = new ArrayList<>(items.size());
    for (T t : items) {
      out.add(f.apply(t));
    }
    return new Page<>(out, marker);
  }

  /**
   * Cuts one page out of {@code items} ordered by {@code key} (unique per item): the items after
   * the marker's key, at most {@code request.maxItems()}. The order is by the key's UTF-16 code
   * units, not by a database collation, so markers mean the same on every store.
   */
  public static <T> Page<T> slice(
      List<T> items, Function<? super T, String> key, PageRequest request) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(java.util.Comparator.comparing(key));
    return ofSorted(sorted, key, item -> true, request);
  }

  /**
   * The page {@link #slice} cuts out of the items of {@code sorted} that {@code filter} keeps, for
   * a list already in {@code key} order: its first item is found by binary search after the
   * marker's key and the list is read from there, so a page costs its size (and the items the
   * filter skips), not the list's.
   */
  public static <T> Page<T> ofSorted(
      List<T> sorted,
      Function<? super T, String> key,
      java.util.function.Predicate<? super T> filter,
      PageRequest request) {
    int i = 0;
    if (!request.marker().isEmpty()) {
      String after = decode(request.marker());
      int hi = sorted.size();
      while (i < hi) {
        int mid = (i + hi) >>> 1;
        if (key.apply(sorted.get(mid)).compareTo(after) <= 0) {
          i = mid + 1;
        } else {
          hi = mid;
        }
      }
    }
    List<T> page = new ArrayList<>();
    for (; i < sorted.size(); i++) {
      T item = sorted.get(i);
      if (!filter.test(item)) {
        continue;
      }
      if (page.size() == request.maxItems()) {
        return new Page<>(page, encode(key.apply(page.get(page.size() - 1))));
      }
      page.add(item);
    }
    return new Page<>(page, "");
  }

  /**
   * A page already cut in {@code key} order from a longer listing: truncated, with a marker after
   * {@code lastKey}, when {@code more}.
   */
  static <T> Page<T> cut(List<T> items, boolean more, String lastKey) {
    return new Page<>(items, more ? encode(lastKey) : "");
  }

  /** The key the request's marker names (the last key of the previous page), or empty. */
  static Optional<String> after(PageRequest request) {
    return request.marker().isEmpty() ? Optional.empty() : Optional.of(decode(request.marker()));
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((MARKER_PREFIX + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String marker) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (s.startsWith(MARKER_PREFIX)) {
        return s.substring(MARKER_PREFIX.length());
      }
    } catch (IllegalArgumentException e) {
      // fall through: not one of ours
    }
    throw GatehouseException.invalidInput("Invalid Marker: " + marker);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Page<?> p && items.equals(p.items) && marker.equals(p.marker);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, marker);
  }

  @Override
  public String toString() {
    return "Page" + items + (isTruncated() ? " truncated" : "");
  }
}
