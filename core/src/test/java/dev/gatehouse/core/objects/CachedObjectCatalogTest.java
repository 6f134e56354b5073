package dev.gatehouse.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract over the cache, and what the cache adds: hits, invalidation, races, bounds. */
class CachedObjectCatalogTest extends ObjectCatalogContract {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07.890Z");

  private final GatedObjectCatalog under = new GatedObjectCatalog();
  private final CachedObjectCatalog cached = new CachedObjectCatalog(under);
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final String loc = "cache.loc";

  @Override
  protected ObjectCatalog catalog() {
    return cached;
  }

  @BeforeEach
  void bucket() {
    under.createLocation(loc);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static StoredObject object(String key, String etag) {
    return new StoredObject(
        key, 3, etag, T, ObjectAttributes.none(), List.of(new BlobRef("b-" + etag, 3)));
  }

  private static StoredObject inline(String key, int sealedBytes) {
    return new StoredObject(
        key,
        sealedBytes,
        "e",
        T,
        ObjectAttributes.none(),
        List.of(new BlobRef("i-" + key, sealedBytes, new BlobRef.Inline(new byte[sealedBytes]))));
  }

  private String etagOf(String key) {
    return cached.object(loc, key).map(StoredObject::etag).orElse(null);
  }

  @Test
  void aSecondReadIsServedFromMemory() {
    cached.putObject(loc, object("k", "v1"));
    assertThat(etagOf("k")).isEqualTo("v1");
    assertThat(etagOf("k")).isEqualTo("v1");
    assertThat(under.objectReads).hasValue(1);
    assertThat(cached.size()).isOne();
    assertThat(etagOf("absent")).isNull();
    assertThat(etagOf("absent")).isNull();
    assertThat(under.objectReads).hasValue(3); // absence is not cached
  }

  @Test
  void cachedAnswersFromMemoryOnlyWhatAReadInstalled() {
    cached.putObject(loc, object("k", "v1"));
    assertThat(cached.cached(loc, "k")).isEmpty(); // a write installs nothing
    assertThat(under.objectReads).hasValue(0);
    assertThat(etagOf("k")).isEqualTo("v1");
    assertThat(cached.cached(loc, "k")).map(StoredObject::etag).hasValue("v1");
    assertThat(cached.cached(loc, "absent")).isEmpty();
    assertThat(under.objectReads).hasValue(1);
    cached.putObject(loc, object("k", "v2"));
    assertThat(cached.cached(loc, "k")).isEmpty(); // the write dropped it
    cached.deleteObject(loc, "k");
    assertThat(cached.cached(loc, "k")).isEmpty();
    assertThat(under.objectReads).hasValue(1);
  }

  @Test
  void aReadAfterEachKindOfWriteSeesIt() {
    cached.putObject(loc, object("k", "v1"));
    assertThat(etagOf("k")).isEqualTo("v1");
    cached.putObject(loc, object("k", "v2"));
    assertThat(etagOf("k")).isEqualTo("v2");
    ObjectAttributes tagged = ObjectAttributes.none().withTags(Map.of("t", "1"));
    cached.updateAttributes(loc, "k", tagged);
    assertThat(cached.object(loc, "k").orElseThrow().attributes()).isEqualTo(tagged);
    cached.deleteObject(loc, "k");
    assertThat(etagOf("k")).isNull();

    cached.putObject(loc, object("big", "old"));
    assertThat(etagOf("big")).isEqualTo("old");
    StoredPart part = new StoredPart(1, "p", T, new BlobRef("part-1", 3));
    cached.createUpload(loc, new StoredUpload("u", "big", T, ObjectAttributes.none()));
    cached.putPart(loc, "u", part);
    assertThat(cached.parts(loc, "u")).containsExactly(part);
    assertThat(cached.upload(loc, "u")).isPresent();
    assertThat(cached.uploads(loc, "")).hasSize(1);
    StoredObject done =
        new StoredObject("big", 3, "multi", T, ObjectAttributes.none(), List.of(part.blob()));
    cached.completeUpload(loc, "u", done);
    assertThat(etagOf("big")).isEqualTo("multi");
    assertThat(cached.scan(loc, "", "", 10)).containsExactly(done);
    assertThat(cached.referencedBlobs(List.of("part-1"))).containsExactly("part-1");
    cached.createUpload(loc, new StoredUpload("u2", "big", T, ObjectAttributes.none()));
    assertThat(cached.removeUpload(loc, "u2")).isEmpty();
  }

  @Test
  void aWriteThatFailsAfterCommittingIsStillSeen() {
    cached.putObject(loc, object("k", "v1"));
    assertThat(etagOf("k")).isEqualTo("v1");
    under.failAfterCommit = new IllegalStateException("connection lost after commit");
    assertThatThrownBy(() -> cached.putObject(loc, object("k", "v2")))
        .isInstanceOf(IllegalStateException.class);
    under.failAfterCommit = null;
    assertThat(etagOf("k")).isEqualTo("v2");
  }

  @Test
  void locationsAreCachedUntilDeleted() {
    assertThat(cached.locationExists(loc)).isTrue();
    assertThat(cached.locationExists(loc)).isTrue();
    assertThat(under.locationReads).hasValue(1);
    assertThat(cached.locationExists("other")).isFalse();
    assertThat(cached.locationExists("other")).isFalse();
    assertThat(under.locationReads).hasValue(3); // absence is not cached
    assertThat(cached.createLocation("other")).isTrue();
    assertThat(cached.locationExists("other")).isTrue();
    cached.deleteLocation(loc);
    assertThat(cached.locationExists(loc)).isFalse();
    assertThatThrownBy(() -> cached.deleteLocation(loc)).isInstanceOf(ObjectStoreException.class);
    assertThat(cached.locationExists(loc)).isFalse();
  }

  @Test
  void keysTheCatalogConfusesShareAnEntry() {
    // An unpaired surrogate encodes as '?' in UTF-8: the catalog stores both keys as one.
    cached.putObject(loc, object("a?b", "v1"));
    assertThat(etagOf("a?b")).isEqualTo("v1");
    cached.putObject(loc, object("a\ud800b", "v2"));
    assertThat(etagOf("a?b")).isEqualTo("v2");
    assertThat(CachedObjectCatalog.canonical("a\ud83d\ude00")).isEqualTo("a\ud83d\ude00");
  }

  /** Runs {@code reader} on another thread and waits until it is held inside the read. */
  private Future<Optional<StoredObject>> readHeldAfterTheRead(String key, CountDownLatch release)
      throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    under.afterRead =
        () -> {
          under.afterRead = null;
          inside.countDown();
          await(release);
        };
    Future<Optional<StoredObject>> reader = pool.submit(() -> cached.object(loc, key));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    return reader;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aReaderThatMissedBeforeAWriteNeverInstallsWhatItRead() throws Exception {
    under.putObject(loc, object("k", "old"));
    CountDownLatch release = new CountDownLatch(1);
    Future<Optional<StoredObject>> reader = readHeldAfterTheRead("k", release);
    cached.putObject(loc, object("k", "new")); // commits while the reader holds "old"
    release.countDown();
    assertThat(reader.get(10, TimeUnit.SECONDS).orElseThrow().etag()).isEqualTo("old");
    assertThat(etagOf("k")).isEqualTo("new");
    assertThat(cached.size()).isOne();
    assertThat(etagOf("k")).isEqualTo("new");
  }

  @Test
  void aReaderThatMissedBeforeADeleteNeverInstallsWhatItRead() throws Exception {
    under.putObject(loc, object("k", "old"));
    CountDownLatch release = new CountDownLatch(1);
    Future<Optional<StoredObject>> reader = readHeldAfterTheRead("k", release);
    cached.deleteObject(loc, "k");
    release.countDown();
    assertThat(reader.get(10, TimeUnit.SECONDS)).isPresent();
    assertThat(etagOf("k")).isNull();
  }

  @Test
  void noReaderInstallsWhileAWriteIsInFlight() throws Exception {
    under.putObject(loc, object("k", "old"));
    assertThat(etagOf("k")).isEqualTo("old"); // cached
    CountDownLatch committed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    under.afterCommit =
        () -> {
          under.afterCommit = null;
          committed.countDown();
          await(release);
        };
    CompletableFuture<Optional<StoredObject>> writer =
        CompletableFuture.supplyAsync(() -> cached.putObject(loc, object("k", "new")), pool);
    assertThat(committed.await(10, TimeUnit.SECONDS)).isTrue();
    // Committed, not yet returned: the old record is no longer served, and what is read now is
    // not installed (it could as well have been read before the commit).
    assertThat(etagOf("k")).isEqualTo("new");
    assertThat(cached.size()).isZero();
    release.countDown();
    assertThat(writer.get(10, TimeUnit.SECONDS).orElseThrow().etag()).isEqualTo("old");
    assertThat(etagOf("k")).isEqualTo("new");
    assertThat(cached.size()).isOne();
  }

  @Test
  void aReaderThatMissedBeforeALocationDeleteNeverInstallsIt() throws Exception {
    under.createLocation("gone");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    under.afterLocationRead =
        () -> {
          under.afterLocationRead = null;
          inside.countDown();
          await(release);
        };
    Future<Boolean> reader = pool.submit(() -> cached.locationExists("gone"));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    cached.deleteLocation("gone");
    release.countDown();
    assertThat(reader.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cached.locationExists("gone")).isFalse();
  }

  @Test
  void clearDropsEntriesAndWhatAReaderHeldBeforeIt() throws Exception {
    cached.putObject(loc, object("a", "1"));
    cached.putObject(loc, inline("b", 100));
    etagOf("a");
    etagOf("b");
    cached.locationExists(loc);
    assertThat(cached.size()).isEqualTo(2);
    assertThat(cached.bytes()).isPositive();
    under.putObject(loc, object("held", "read before the clear"));
    CountDownLatch release = new CountDownLatch(1);
    Future<Optional<StoredObject>> held = readHeldAfterTheRead("held", release);
    cached.clear();
    release.countDown();
    assertThat(held.get(10, TimeUnit.SECONDS)).isPresent();
    assertThat(cached.size()).isZero();
    assertThat(cached.bytes()).isZero();
    int reads = under.objectReads.get();
    int locationReads = under.locationReads.get();
    etagOf("a");
    cached.locationExists(loc);
    assertThat(under.objectReads.get()).isEqualTo(reads + 1);
    assertThat(under.locationReads.get()).isEqualTo(locationReads + 1);
  }

  @Test
  void entriesStayWithinTheirBound() {
    CachedObjectCatalog small = new CachedObjectCatalog(under, 8, Long.MAX_VALUE);
    for (int i = 0; i < 100; i++) {
      under.putObject(loc, object("k" + i, "v" + i));
      assertThat(small.object(loc, "k" + i).orElseThrow().etag()).isEqualTo("v" + i);
      assertThat(small.size()).isLessThanOrEqualTo(8);
    }
    assertThat(small.size()).isEqualTo(8);
  }

  @Test
  void bytesStayWithinTheirBoundAndAHugeRecordIsNotCached() {
    long bound = 64 * 1024;
    CachedObjectCatalog small = new CachedObjectCatalog(under, 1000, bound);
    for (int i = 0; i < 100; i++) {
      under.putObject(loc, inline("k" + i, 4096));
      small.object(loc, "k" + i);
      assertThat(small.bytes()).isLessThanOrEqualTo(bound);
    }
    assertThat(small.size()).isBetween(10, 15);
    under.putObject(loc, inline("huge", (int) bound / 8));
    int reads = under.objectReads.get();
    small.object(loc, "huge");
    small.object(loc, "huge");
    assertThat(under.objectReads.get()).isEqualTo(reads + 2);
  }

  @Test
  void anEntryReadBetweenSweepsSurvivesEviction() {
    CachedObjectCatalog small = new CachedObjectCatalog(under, 4, Long.MAX_VALUE);
    under.putObject(loc, object("hot", "h"));
    small.object(loc, "hot");
    for (int i = 0; i < 60; i++) {
      under.putObject(loc, object("cold" + i, "c"));
      small.object(loc, "cold" + i);
      small.object(loc, "hot");
    }
    // 61 misses for the cold keys and the first read of the hot one; every later read of it hit.
    assertThat(under.objectReads).hasValue(61);
  }

  @Test
  void boundsMustBePositive() {
    assertThatThrownBy(() -> new CachedObjectCatalog(under, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CachedObjectCatalog(under, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentReadersAndWritersLeaveNoStaleEntry() throws Exception {
    CachedObjectCatalog small = new CachedObjectCatalog(under, 6, Long.MAX_VALUE);
    int keys = 12;
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int seed = t;
      work.add(
          pool.submit(
              () -> {
                Random r = new Random(seed);
                for (int i = 0; i < 4000; i++) {
                  String key = "k" + r.nextInt(keys);
                  switch (r.nextInt(4)) {
                    case 0 -> small.putObject(loc, object(key, seed + "-" + i));
                    case 1 -> small.deleteObject(loc, key);
                    default -> small.object(loc, key);
                  }
                }
              }));
    }
    for (Future<?> f : work) {
      f.get(60, TimeUnit.SECONDS);
    }
    for (int k = 0; k < keys; k++) {
      String key = "k" + k;
      assertThat(small.object(loc, key)).isEqualTo(under.object(loc, key));
    }
  }
}
