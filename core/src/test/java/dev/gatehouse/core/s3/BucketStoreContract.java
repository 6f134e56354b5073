package dev.gatehouse.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BucketStore} adapter passes: extend this class and implement {@link
 * #openStore}.
 */
public abstract class BucketStoreContract {
  protected static final String A = "111122223333";
  protected static final String B = "444455556666";
  protected static final Instant T0 = Instant.parse("2026-04-01T10:15:30.123Z");

  protected BucketStore store;

  /** A new, empty store. */
  protected abstract BucketStore openStore() throws Exception;

  /** Releases what {@link #openStore} acquired. */
  protected void cleanUp() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  void close() throws Exception {
    cleanUp();
  }

  protected static Bucket bucket(String name, String owner) {
    return Bucket.created(name, owner, "eu-west-1", T0, "store/" + name + "/ü");
  }

  @Test
  void aBucketIsStoredWithEveryFieldAndFoundByName() {
    Bucket b = bucket("alpha", A);
    assertThat(store.insert(b, 10)).isEqualTo(BucketStore.InsertResult.INSERTED);
    assertThat(store.find("alpha")).contains(b);
    Bucket read = store.find("alpha").orElseThrow();
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.location()).isEqualTo("store/alpha/ü");
    assertThat(read.publicAccessBlock()).contains(PublicAccessBlock.ALL_ON);
    assertThat(read.policy()).isEmpty();
    assertThat(read.tags()).isEmpty();
    assertThat(store.find("beta")).isEmpty();
  }

  @Test
  void namesAreGloballyUniqueAcrossAccounts() {
    assertThat(store.insert(bucket("shared", A), 10)).isEqualTo(BucketStore.InsertResult.INSERTED);
    assertThat(store.insert(bucket("shared", B), 10))
        .isEqualTo(BucketStore.InsertResult.NAME_TAKEN);
    assertThat(store.insert(bucket("shared", A), 10))
        .isEqualTo(BucketStore.InsertResult.NAME_TAKEN);
    assertThat(store.find("shared").orElseThrow().ownerAccountId()).isEqualTo(A);
  }

  @Test
  void theQuotaIsPerOwnerAndRefusesWithoutWriting() {
    assertThat(store.insert(bucket("a1", A), 2)).isEqualTo(BucketStore.InsertResult.INSERTED);
    assertThat(store.insert(bucket("a2", A), 2)).isEqualTo(BucketStore.InsertResult.INSERTED);
    assertThat(store.insert(bucket("a3", A), 2)).isEqualTo(BucketStore.InsertResult.QUOTA_EXCEEDED);
    assertThat(store.find("a3")).isEmpty();
    assertThat(store.insert(bucket("b1", B), 2)).isEqualTo(BucketStore.InsertResult.INSERTED);
  }

  @Test
  void listingIsByOwnerInNameOrder() {
    store.insert(bucket("zeta", A), 10);
    store.setTags("zeta", Map.of("z", "1"));
    store.insert(bucket("alpha", A), 10);
    store.insert(bucket("mid", B), 10);
    assertThat(store.listByOwner(A)).extracting(Bucket::name).containsExactly("alpha", "zeta");
    assertThat(store.listByOwner(A))
        .extracting(Bucket::tags)
        .containsExactly(Map.of(), Map.of("z", "1"));
    assertThat(store.listByOwner(B)).extracting(Bucket::name).containsExactly("mid");
    assertThat(store.listByOwner("999999999999")).isEmpty();
    assertThat(store.countByOwner(A)).isEqualTo(2);
    assertThat(store.countByOwner("999999999999")).isZero();
    assertThat(store.listAll()).extracting(Bucket::name).containsExactly("alpha", "mid", "zeta");
    assertThat(store.listAll())
        .extracting(Bucket::tags)
        .containsExactly(Map.of(), Map.of(), Map.of("z", "1"));
  }

  @Test
  void policyPublicAccessBlockAndTagsAreReplacedWhole() {
    store.insert(bucket("b", A), 10);
    assertThat(store.setPolicy("b", Optional.of("{\"Version\":\"2012-10-17\"}"))).isTrue();
    PublicAccessBlock partial = new PublicAccessBlock(true, false, true, false);
    assertThat(store.setPublicAccessBlock("b", Optional.of(partial))).isTrue();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("team", "blue");
    tags.put("cost centre", "");
    assertThat(store.setTags("b", tags)).isTrue();
    Bucket read = store.find("b").orElseThrow();
    assertThat(read.policy()).contains("{\"Version\":\"2012-10-17\"}");
    assertThat(read.publicAccessBlock()).contains(partial);
    assertThat(read.tags()).isEqualTo(tags);

    assertThat(store.setTags("b", Map.of("only", "one"))).isTrue();
    assertThat(store.find("b").orElseThrow().tags()).isEqualTo(Map.of("only", "one"));
    assertThat(store.setTags("b", Map.of())).isTrue();
    assertThat(store.setPolicy("b", Optional.empty())).isTrue();
    assertThat(store.setPublicAccessBlock("b", Optional.empty())).isTrue();
    Bucket cleared = store.find("b").orElseThrow();
    assertThat(cleared.tags()).isEmpty();
    assertThat(cleared.policy()).isEmpty();
    assertThat(cleared.publicAccessBlock()).isEmpty();
  }

  @Test
  void writesToAMissingBucketWriteNothing() {
    assertThat(store.setPolicy("nope", Optional.of("{}"))).isFalse();
    assertThat(store.setPublicAccessBlock("nope", Optional.of(PublicAccessBlock.ALL_ON))).isFalse();
    assertThat(store.setTags("nope", Map.of("k", "v"))).isFalse();
    assertThat(store.delete("nope")).isFalse();
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void deletingRemovesTheBucketWithItsPolicyAndTagsSoTheNameIsFreeAgain() {
    store.insert(bucket("gone", A), 10);
    store.setPolicy("gone", Optional.of("{}"));
    store.setTags("gone", Map.of("k", "v"));
    assertThat(store.delete("gone")).isTrue();
    assertThat(store.find("gone")).isEmpty();
    assertThat(store.listByOwner(A)).isEmpty();
    Bucket again = bucket("gone", B);
    assertThat(store.insert(again, 10)).isEqualTo(BucketStore.InsertResult.INSERTED);
    assertThat(store.find("gone")).contains(again);
  }

  @Test
  void concurrentCreatesKeepTheQuotaAndUniqueness() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<BucketStore.InsertResult>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String name = "race-" + (i % 8);
        tasks.add(() -> store.insert(bucket(name, A), 5));
      }
      int inserted = 0;
      for (Future<BucketStore.InsertResult> f : pool.invokeAll(tasks)) {
        if (f.get() == BucketStore.InsertResult.INSERTED) {
          inserted++;
        }
      }
      assertThat(inserted).isEqualTo(5);
      assertThat(store.listByOwner(A)).hasSize(5);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void concurrentTagWritesNeverMixTwoSets() throws Exception {
    store.insert(bucket("tags", A), 10);
    Map<String, String> one = Map.of("a", "1", "b", "1", "c", "1");
    Map<String, String> two = Map.of("x", "2", "y", "2");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Map<String, String> set = i % 2 == 0 ? one : two;
        tasks.add(() -> store.setTags("tags", set));
        tasks.add(
            () -> {
              Map<String, String> seen = store.find("tags").orElseThrow().tags();
              return seen.isEmpty() || seen.equals(one) || seen.equals(two);
            });
      }
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
