package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;

/** Paging through any list with any page size yields every item once, in key order. */
class PagePropertiesTest {

  @Property(tries = 200)
  void pagesCoverTheListExactlyOnceInOrder(
      @ForAll @Size(max = 60) @UniqueElements List<@StringLength(min = 1, max = 8) String> keys,
      @ForAll @IntRange(min = 1, max = 25) int maxItems) {
    List<String> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled);
    List<String> seen = new ArrayList<>();
    PageRequest request = new PageRequest("", maxItems);
    int pages = 0;
    while (true) {
      Page<String> page = Page.slice(shuffled, k -> k, request);
      assertThat(page.items().size()).isLessThanOrEqualTo(maxItems);
      seen.addAll(page.items());
      pages++;
      if (!page.isTruncated()) {
        break;
      }
      assertThat(page.items()).hasSize(maxItems);
      request = new PageRequest(page.marker().orElseThrow(), maxItems);
    }
    List<String> sorted = new ArrayList<>(keys);
    Collections.sort(sorted);
    assertThat(seen).isEqualTo(sorted);
    assertThat(pages).isEqualTo(Math.max(1, (keys.size() + maxItems - 1) / maxItems));
    assertThat(Set.copyOf(seen)).hasSameSizeAs(seen);
  }

  /**
   * A page read from a sorted list after its marker ({@link Page#ofSorted}) is the page {@link
   * Page#slice} cuts from the filtered list: the same items, markers and truncation, whatever the
   * marker (one of ours, or the key of an item that is gone) and the filter.
   */
  // Not shrunk: jqwik's shrinking of unique string lists fails here (ClassCastException).
  @Property(tries = 300, shrinking = ShrinkingMode.OFF)
  void aPageOfASortedListIsTheSliceOfTheFilteredList(
      @ForAll @Size(max = 60) @UniqueElements
          List<@AlphaChars @StringLength(min = 1, max = 3) String> keys,
      @ForAll @IntRange(min = 1, max = 25) int maxItems,
      @ForAll @AlphaChars @StringLength(max = 3) String after,
      @ForAll @IntRange(min = 1, max = 4) int keepEvery) {
    List<String> sorted = new ArrayList<>(keys);
    Collections.sort(sorted);
    java.util.function.Predicate<String> kept = k -> k.hashCode() % keepEvery == 0;
    List<String> filtered = sorted.stream().filter(kept).toList();
    PageRequest request = new PageRequest("", maxItems);
    if (!after.isEmpty()) {
      // A marker as a previous page gave it: the last key of a first page over {after}.
      request =
          new PageRequest(
              Page.slice(List.of(after, after + "~"), k -> k, new PageRequest("", 1))
                  .marker()
                  .orElseThrow(),
              maxItems);
    }
    while (true) {
      Page<String> expected = Page.slice(filtered, k -> k, request);
      assertThat(Page.ofSorted(sorted, k -> k, kept, request)).isEqualTo(expected);
      if (!expected.isTruncated()) {
        return;
      }
      request = new PageRequest(expected.marker().orElseThrow(), maxItems);
    }
  }
}
