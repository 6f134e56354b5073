package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The persistent map behaves as a HashMap that is copied before every change: every generation
 * keeps its entries whatever is derived from it later, and a change copies a path, not the map.
 */
class PersistentMapTest {

  /**
   * A key whose hash is chosen: the hashes below share their low chunks, differ only in the top two
   * bits (the last level), or are equal (collisions), so every shape of the trie is reached.
   */
  record Key(int hash, int id) {
    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final int[] HASHES = {
    0, 1, 33, 1 + (1 << 10), 1 + (1 << 30), 1 + (1 << 31), 1 + (3 << 30), -1, 7, 7, 1024
  };

  private static Key key(int code) {
    return new Key(HASHES[code % HASHES.length], code % 23);
  }

  /**
   * Any sequence of puts and removals: each generation equals the HashMap it models, in lookups,
   * size, iteration and equality, and so does every earlier generation after the later ones.
   */
  @Property(tries = 300)
  void everyGenerationEqualsItsModelAndEarlierOnesStayAsTheyWere(
      @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 999) Integer> ops) {
    PersistentMap<Key, Integer> map = PersistentMap.of();
    Map<Key, Integer> model = new HashMap<>();
    List<PersistentMap<Key, Integer>> generations = new ArrayList<>();
    List<Map<Key, Integer>> models = new ArrayList<>();
    for (int op : ops) {
      Key k = key(op / 4);
      if (op % 4 == 0) {
        map = map.without(k);
        model.remove(k);
      } else {
        map = map.with(k, op % 3);
        model.put(k, op % 3);
      }
      generations.add(map);
      models.add(new HashMap<>(model));
      checkEquals(map, model);
    }
    for (int i = 0; i < generations.size(); i++) {
      checkEquals(generations.get(i), models.get(i));
    }
    assertThat(PersistentMap.copyOf(model)).isEqualTo(model);
    checkEquals(PersistentMap.copyOf(model), model);
  }

  private static void checkEquals(PersistentMap<Key, Integer> map, Map<Key, Integer> model) {
    assertThat(map).hasSize(model.size());
    for (int code = 0; code < HASHES.length * 23; code++) {
      Key k = key(code);
      assertThat(map.get(k)).isEqualTo(model.get(k));
      assertThat(map.containsKey(k)).isEqualTo(model.containsKey(k));
    }
    Set<Map.Entry<Key, Integer>> seen = new HashSet<>();
    for (Map.Entry<Key, Integer> e : map.entrySet()) {
      assertThat(seen.add(e)).as("each entry once").isTrue();
    }
    assertThat(seen).isEqualTo(model.entrySet());
    assertThat(map).isEqualTo(model);
    assertThat(map.hashCode()).isEqualTo(model.hashCode());
  }

  /** A change in a map of 20,000 entries copies a handful of nodes, and shares all the others. */
  @Test
  void aChangeCopiesOnePathNotTheMap() {
    Map<String, Integer> source = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      source.put("user-" + i, i);
    }
    PersistentMap<String, Integer> base = PersistentMap.copyOf(source);
    Set<Object> before = base.nodes();
    assertThat(before.size()).isGreaterThan(600);
    for (PersistentMap<String, Integer> next :
        List.of(
            base.with("user-17", -1),
            base.with("someone new", 1),
            base.without("user-4242"),
            base.with("user-3", 3))) {
      Set<Object> fresh = next.nodes();
      fresh.removeAll(before);
      assertThat(fresh).as("nodes not shared with the base").hasSizeLessThanOrEqualTo(7);
    }
    assertThat(base.with("user-3", 3)).isSameAs(base);
    assertThat(base.without("nobody")).isSameAs(base);
    assertThat(PersistentMap.copyOf(base)).isSameAs(base);
  }

  @Test
  void emptyingAMapAndLookingUpWhatIsNotThere() {
    PersistentMap<String, Integer> one = PersistentMap.<String, Integer>of().with("a", 1);
    assertThat(one.without("a")).isEmpty();
    assertThat(one.get(null)).isNull();
    assertThat(one.get("b")).isNull();
    assertThat(PersistentMap.copyOf(Map.of())).isEmpty();
  }

  @Test
  void refusesNullsAndChangesThroughItsViews() {
    PersistentMap<String, Integer> map = PersistentMap.copyOf(Map.of("a", 1, "b", 2));
    assertThatThrownBy(() -> map.with(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.with("a", null)).isInstanceOf(NullPointerException.class);
    Map<String, Integer> withNull = new HashMap<>();
    withNull.put("x", null);
    assertThatThrownBy(() -> PersistentMap.copyOf(withNull))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(5))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(map).containsEntry("a", 1).containsEntry("b", 2);
    Iterator<Map.Entry<String, Integer>> it = map.entrySet().iterator();
    it.next();
    it.next();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }
}
