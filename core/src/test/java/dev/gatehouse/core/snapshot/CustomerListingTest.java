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

/** A delta's policy rows put into the listing keep it sorted as a rebuild would sort it. */
class CustomerListingTest {
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
    CustomerListing listing = new CustomerListing(base);
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

  @Test
  void rowsReadAgainUnchangedShareTheListAndAChangeCopiesIt() {
    List<ManagedPolicy> base =
        IamSnapshot.inListingOrder(List.of(policy(0, 1), policy(1, 1), policy(2, 1)));
    CustomerListing same = new CustomerListing(base);
    same.update(policy(1, 1).arn(), Optional.of(policy(1, 1)));
    same.update("arn:aws:iam::" + A + ":policy/x/none", Optional.empty());
    assertThat(same.result()).isSameAs(base);

    CustomerListing changed = new CustomerListing(base);
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
    CustomerListing create = new CustomerListing(base);
    create.update(created.arn(), Optional.of(created));
    CustomerListing delete = new CustomerListing(base);
    delete.update(rows.get(2_000).arn(), Optional.empty());
    for (CustomerListing changed : List.of(create, delete)) {
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
