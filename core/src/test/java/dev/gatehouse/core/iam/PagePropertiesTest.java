package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
}
