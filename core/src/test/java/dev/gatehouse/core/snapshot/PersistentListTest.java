package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The persistent list behaves as an ArrayList that is copied before every change: every generation
 * keeps its elements whatever is derived from it later, and a change copies a path, not the list.
 */
class PersistentListTest {

  /**
   * Any inserts, removals and replacements, from a list of any length up to a few levels deep: each
   * generation equals the ArrayList the same operations give, and every earlier one is unchanged.
   */
  @Property(tries = 200)
  void behavesAsACopiedArrayList(
      @ForAll @IntRange(min = 0, max = 2_000) int initial,
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 1_000_000) Integer> ops) {
    List<Integer> expected = new ArrayList<>(IntStream.range(0, initial).boxed().toList());
    PersistentList<Integer> list = PersistentList.copyOf(expected);
    List<PersistentList<Integer>> generations = new ArrayList<>();
    List<List<Integer>> contents = new ArrayList<>();
    int next = initial;
    for (int op : ops) {
      generations.add(list);
      contents.add(List.copyOf(expected));
      int kind = op % 3;
      if (kind == 0 || expected.isEmpty()) {
        int at = (op / 3) % (expected.size() + 1);
        expected.add(at, next);
        list = list.inserted(at, next++);
      } else if (kind == 1) {
        int at = (op / 3) % expected.size();
        expected.remove(at);
        list = list.removed(at);
      } else {
        int at = (op / 3) % expected.size();
        expected.set(at, next);
        list = list.replaced(at, next++);
      }
      assertThat(list).hasSize(expected.size());
    }
    assertThat(list).containsExactlyElementsOf(expected);
    assertThat(list).isEqualTo(expected);
    for (int i = 0; i < generations.size(); i++) {
      assertThat(generations.get(i)).as("generation %d", i).isEqualTo(contents.get(i));
    }
  }

  @Test
  void aChangeInThousandsCopiesAFewNodes() {
    PersistentList<Integer> base =
        PersistentList.copyOf(IntStream.range(0, 5_000).boxed().toList());
    Set<Object> before = base.nodes();
    // 157 leaves of 32 under 5 inner nodes under the root.
    assertThat(before).hasSize(163);
    for (PersistentList<Integer> changed :
        List.of(
            base.inserted(2_500, -1),
            base.inserted(0, -1),
            base.inserted(5_000, -1),
            base.removed(2_500),
            base.replaced(4_999, -1))) {
      Set<Object> fresh = changed.nodes();
      fresh.removeAll(before);
      // The path from the root to the leaf (three nodes), and the other halves of the nodes
      // that split on it (a full leaf in a full inner node).
      assertThat(fresh.size()).isBetween(3, 5);
    }
    assertThat(base).containsExactlyElementsOf(IntStream.range(0, 5_000).boxed().toList());
  }

  @Test
  void splitsAndCollapsesKeepTheElementsInOrder() {
    PersistentList<Integer> list = PersistentList.of();
    for (int i = 0; i < 40_000; i++) {
      list = list.inserted(list.size(), i);
    }
    assertThat(list.get(0)).isZero();
    assertThat(list.get(39_999)).isEqualTo(39_999);
    for (int i = 0; i < 39_999; i++) {
      list = list.removed(0);
    }
    assertThat(list).containsExactly(39_999);
    // One element left: the root is a leaf again.
    assertThat(list.nodes()).hasSize(1);
    assertThat(list.removed(0)).isSameAs(PersistentList.of());
  }

  @Test
  void refusesWhatAListWouldAndNulls() {
    PersistentList<Integer> list = PersistentList.copyOf(List.of(1, 2, 3));
    assertThat(PersistentList.copyOf(list)).isSameAs(list);
    assertThat(PersistentList.copyOf(List.of())).isSameAs(PersistentList.of());
    assertThatThrownBy(() -> list.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.inserted(4, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.removed(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.replaced(1, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> list.inserted(1, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PersistentList.copyOf(java.util.Arrays.asList(1, null)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> list.add(4)).isInstanceOf(UnsupportedOperationException.class);
  }
}
