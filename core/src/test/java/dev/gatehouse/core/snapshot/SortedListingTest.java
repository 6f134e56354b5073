package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.ManagedPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A delta's rows put into a listing keep it sorted as a rebuild would sort it. */
class SortedListingTest {
  static final String A = "123456789012";
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  /** Names that differ in case only, and paths, so that both keys of the order are needed. */
  static final String[] NAMES = {"a", "B", "b", "Ab", "aB", "c", "zz", "Z"};

  static final String[] PATHS = {"/", "/x/", "/y/z/"};

  static ManagedPolicy policy(int code, int version) {
    return new ManagedPolicy(
        A,
        NAMES[code % NAMES.length],
        "ANPA" + code,
        PATHS[code % PATHS.length],
        "v" + version,
        "",
        T,
        T,
        true,
        version % 2);
  }

  /** Any updates, on a listing built from any rows: the rows the store has, in listing order. */
  @Property(tries = 300)
  void updatesKeepTheListingEqualToTheSortedRows(
      @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 23) Integer> initial,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 99) Integer> updates) {
    Map<String, ManagedPolicy> store = new TreeMap<>();
    for (int code : initial) {
      ManagedPolicy p = policy(code, 1);
      store.put(p.arn(), p);
    }
    List<ManagedPolicy> base = IamSnapshot.inListingOrder(new ArrayList<>(store.values()));
    SortedListing<ManagedPolicy> listing = new SortedListing<>(base, SortedListing.POLICIES);
    for (int u : updates) {
      ManagedPolicy p = policy(u % 24, u / 24);
      if (u / 24 == 0) {
        store.remove(p.arn());
        listing.update(p.arn(), Optional.empty());
      } else {
        store.put(p.arn(), p);
        listing.update(p.arn(), Optional.of(p));
      }
    }
    List<ManagedPolicy> expected = new ArrayList<>(store.values());
    expected.sort(ManagedPolicy.LISTING_ORDER);
    assertThat(listing.result()).containsExactlyElementsOf(expected);
    assertThat(base).as("the base listing is not changed").hasSize(base.size());
  }

  /** A user or role: listed by its name in lower case, the name's spelling as stored. */
  record Named(String name, int version) {}

  /** Any updates of users (names differing in case only among them): the store's rows by key. */
  @Property(tries = 300)
  void updatesByNameKeepTheListingEqualToTheRowsSortedByLowerCaseName(
      @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 23) Integer> initial,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 99) Integer> updates) {
    String[] names = {"alice", "Bob", "carol", "Dave", "eve", "Zed", "_x", "a-b"};
    Map<String, Named> store = new TreeMap<>();
    for (int code : initial) {
      Named n = new Named(names[code % names.length], 1);
      store.put(SortedListing.key(n.name()), n);
    }
    List<Named> base = SortedListing.inNameOrder(new ArrayList<>(store.values()), Named::name);
    SortedListing<Named> listing = new SortedListing<>(base, SortedListing.byName(Named::name));
    for (int u : updates) {
      String name = names[u % names.length];
      String key = SortedListing.key(name);
      if (u / 24 == 0) {
        store.remove(key);
        listing.update(key, Optional.empty());
      } else {
        Named n = new Named(u % 2 == 0 ? name : name.toUpperCase(java.util.Locale.ROOT), u / 24);
        store.put(key, n);
        listing.update(key, Optional.of(n));
      }
    }
    // The store's rows in the order of their keys (the TreeMap's).
    assertThat(listing.result()).containsExactlyElementsOf(store.values());
  }

  @Test
  void rowsReadAgainUnchangedShareTheListAndAChangeCopiesIt() {
    List<ManagedPolicy> base =
        IamSnapshot.inListingOrder(List.of(policy(0, 1), policy(1, 1), policy(2, 1)));
    SortedListing<ManagedPolicy> same = new SortedListing<>(base, SortedListing.POLICIES);
    same.update(policy(1, 1).arn(), Optional.of(policy(1, 1)));
    same.update("arn:aws:iam::" + A + ":policy/x/none", Optional.empty());
    assertThat(same.result()).isSameAs(base);

    SortedListing<ManagedPolicy> changed = new SortedListing<>(base, SortedListing.POLICIES);
    changed.update(policy(1, 2).arn(), Optional.of(policy(1, 2)));
    assertThat(changed.result()).isNotSameAs(base).contains(policy(1, 2));
    assertThat(base).contains(policy(1, 1)).doesNotContain(policy(1, 2));
    assertThatThrownBy(() -> changed.result().add(policy(5, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void creatingOrDeletingOneOfThousandsOfPoliciesCopiesAFewNodes() {
    List<ManagedPolicy> rows = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      rows.add(
          new ManagedPolicy(
              A,
              String.format(java.util.Locale.ROOT, "p%05d", 2 * i),
              "ANPA" + i,
              "/",
              "v1",
              "",
              T,
              T,
              true,
              0));
    }
    PersistentList<ManagedPolicy> base =
        (PersistentList<ManagedPolicy>) IamSnapshot.inListingOrder(rows);
    ManagedPolicy created = new ManagedPolicy(A, "p05001", "ANPAX", "/", "v1", "", T, T, true, 0);
    SortedListing<ManagedPolicy> create = new SortedListing<>(base, SortedListing.POLICIES);
    create.update(created.arn(), Optional.of(created));
    SortedListing<ManagedPolicy> delete = new SortedListing<>(base, SortedListing.POLICIES);
    delete.update(rows.get(2_000).arn(), Optional.empty());
    for (SortedListing<ManagedPolicy> changed : List.of(create, delete)) {
      java.util.Set<Object> fresh = changed.result().nodes();
      fresh.removeAll(base.nodes());
      // The path from the root to one leaf of 32 (and the other halves of the nodes that split
      // on it), where an array copy made one new array of 5,000 references.
      assertThat(fresh.size()).isBetween(3, 5);
    }
    assertThat(create.result()).hasSize(5_001).contains(created);
    assertThat(create.result().get(2_501)).isEqualTo(created);
    assertThat(delete.result()).hasSize(4_999).doesNotContain(rows.get(2_000));
  }
}
