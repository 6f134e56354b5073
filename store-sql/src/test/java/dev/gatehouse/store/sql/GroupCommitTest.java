package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.objects.BlobRef;
import dev.gatehouse.core.objects.ObjectAttributes;
import dev.gatehouse.core.objects.ObjectError;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.core.objects.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit of the SQLite object catalog: concurrent writes share a commit, each write still
 * succeeds or fails alone, and every acknowledged write is in the database file.
 */
class GroupCommitTest {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07Z");
  private static final String LOC = "bucket-a";

  private Path dir;
  private SqlStore store;
  private GatedEngine gate;
  private SqlStore gated;
  private SqlObjectCatalog catalog;
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void open() throws Exception {
    dir = Files.createTempDirectory("gatehouse-group-commit");
    store = SqliteStore.open(dir);
    new SqlObjectCatalog(store).createLocation(LOC);
    gate = new GatedEngine(store.engine(), true);
    gated = new SqlStore(gate);
    catalog = new SqlObjectCatalog(gated);
  }

  @AfterEach
  void close() throws Exception {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    store.close();
  }

  private static StoredObject object(String key, String blobId) {
    return new StoredObject(
        key,
        3,
        "etag-" + key,
        T,
        ObjectAttributes.none(),
        List.of(new BlobRef(blobId, 3, new BlobRef.Inline(new byte[] {1, 2, 3}))));
  }

  private Future<Object> put(String location, StoredObject o) {
    return pool.submit(() -> catalog.putObject(location, o));
  }

  /**
   * Starts the first write and holds it at the start of its transaction, then starts {@code others}
   * and waits until they all queue behind it; the caller opens the gate.
   */
  /**
   * Behind a first write, a good write, a write to a missing location and another good write: the
   * first commits alone, the missing location fails on its own, the two good writes fail with their
   * lost group.
   */
  private void aGroupOfThreeIsLost() throws Exception {
    List<Supplier<Future<Object>>> others = new ArrayList<>();
    others.add(() -> put(LOC, object("a", "blob-a")));
    others.add(() -> put("no-such-location", object("b", "blob-b")));
    others.add(() -> put(LOC, object("c", "blob-c")));
    List<Future<Object>> done = queueBehindFirst(others);
    gate.open.countDown();
    assertThat(done.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(java.util.Optional.empty());
    assertThat(errorOf(done.get(1))).isEqualTo(ObjectError.INTERNAL_ERROR);
    assertThat(errorOf(done.get(2))).isEqualTo(NO_BUCKET);
    assertThat(errorOf(done.get(3))).isEqualTo(ObjectError.INTERNAL_ERROR);
  }

  private List<Future<Object>> queueBehindFirst(List<Supplier<Future<Object>>> others)
      throws Exception {
    List<Future<Object>> out = new ArrayList<>();
    out.add(put(LOC, object("first", "blob-first")));
    assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
    others.forEach(o -> out.add(o.get()));
    GroupCommit writes = gated.catalogWrites();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writes.queued() < others.size()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(1);
    }
    return out;
  }

  private static ObjectError errorOf(Future<Object> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return ((ObjectStoreException) e.getCause()).error();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the write succeeded");
  }

  @Test
  void aLoneWriteCommitsAtOnceWithoutSavepoints() {
    gate.open.countDown();
    assertThat(catalog.putObject(LOC, object("k", "b1"))).isEmpty();
    assertThat(gate.commits.get()).isEqualTo(1);
    assertThat(gate.savepoints.get()).isZero();
    assertThatThrownBy(() -> catalog.putObject("gone", object("k2", "b2")))
        .satisfies(e -> assertThat(((ObjectStoreException) e).error()).isEqualTo(NO_BUCKET));
    assertThat(gate.commits.get()).isEqualTo(1);
  }

  private static final ObjectError NO_BUCKET = ObjectError.NO_SUCH_BUCKET;

  @Test
  void writesQueuedDuringACommitShareTheNextOne() throws Exception {
    List<Supplier<Future<Object>>> others = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String key = "k" + i;
      others.add(() -> put(LOC, object(key, "blob-" + key)));
    }
    List<Future<Object>> done = queueBehindFirst(others);
    gate.open.countDown();
    for (Future<Object> f : done) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(java.util.Optional.empty());
    }
    assertThat(gate.commits.get()).isEqualTo(2);
    assertThat(gate.savepoints.get()).isEqualTo(8);
    for (int i = 0; i < 8; i++) {
      assertThat(catalog.object(LOC, "k" + i)).isPresent();
    }
  }

  @Test
  void aFailingWriteFailsAloneAndLeavesNothingOfItself() throws Exception {
    List<Supplier<Future<Object>>> others = new ArrayList<>();
    others.add(() -> put(LOC, object("ok-1", "blob-ok-1")));
    // Its object row is inserted before its blob row collides with "first"'s blob id.
    others.add(() -> put(LOC, object("clash", "blob-first")));
    others.add(() -> put("no-such-location", object("lost", "blob-lost")));
    others.add(() -> put(LOC, object("ok-2", "blob-ok-2")));
    List<Future<Object>> done = queueBehindFirst(others);
    gate.open.countDown();
    assertThat(done.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(java.util.Optional.empty());
    assertThat(done.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(java.util.Optional.empty());
    assertThat(errorOf(done.get(2))).isEqualTo(ObjectError.INTERNAL_ERROR);
    assertThat(errorOf(done.get(3))).isEqualTo(NO_BUCKET);
    assertThat(done.get(4).get(10, TimeUnit.SECONDS)).isEqualTo(java.util.Optional.empty());
    assertThat(gate.commits.get()).isEqualTo(2);
    assertThat(catalog.object(LOC, "ok-1")).isPresent();
    assertThat(catalog.object(LOC, "ok-2")).isPresent();
    assertThat(catalog.object(LOC, "clash")).isEmpty();
    assertThat(catalog.object(LOC, "first").orElseThrow().blobs().get(0).id())
        .isEqualTo("blob-first");
  }

  @Test
  void aFailedCommitFailsEveryWriteOfItsGroup() throws Exception {
    gate.failCommit = 2;
    aGroupOfThreeIsLost();
    assertThat(catalog.object(LOC, "a")).isEmpty();
    assertThat(catalog.object(LOC, "c")).isEmpty();
    // The writer connection is usable again after the lost group.
    assertThat(catalog.putObject(LOC, object("a", "blob-a"))).isEmpty();
    assertThat(catalog.object(LOC, "a")).isPresent();
  }

  @Test
  void aBrokenSavepointFailsTheWholeGroupIncludingWritesNotYetRun() throws Exception {
    gate.failRollbackToSavepoint = true;
    aGroupOfThreeIsLost();
    assertThat(gate.commits.get()).isEqualTo(1);
    assertThat(catalog.object(LOC, "a")).isEmpty();
    assertThat(catalog.object(LOC, "c")).isEmpty();
  }

  @Test
  void aWriteThatCannotBeginFailsAndTheNextOneRuns() {
    gate.open.countDown();
    gate.failBegin = true;
    assertThatThrownBy(() -> catalog.putObject(LOC, object("a", "blob-a")))
        .satisfies(
            e ->
                assertThat(((ObjectStoreException) e).error())
                    .isEqualTo(ObjectError.INTERNAL_ERROR));
    assertThat(catalog.putObject(LOC, object("a", "blob-a"))).isEmpty();
  }

  @Test
  void anErrorAtTheStartOfAGroupReachesItsWriterAndTheNextWriteRuns() {
    gate.open.countDown();
    gate.failBeginWithError = true;
    assertThatThrownBy(() -> catalog.putObject(LOC, object("a", "blob-a")))
        .isInstanceOf(AssertionError.class)
        .hasMessage("injected: begin");
    assertThat(catalog.putObject(LOC, object("a", "blob-a"))).isEmpty();
    assertThat(catalog.object(LOC, "a")).isPresent();
  }

  @Test
  void withoutGroupingEachWriteIsItsOwnTransaction() {
    GatedEngine plain = new GatedEngine(store.engine(), false);
    plain.open.countDown();
    SqlObjectCatalog single = new SqlObjectCatalog(new SqlStore(plain));
    assertThat(single.putObject(LOC, object("a", "blob-a"))).isEmpty();
    assertThatThrownBy(() -> single.putObject(LOC, object("b", "blob-a")))
        .satisfies(
            e ->
                assertThat(((ObjectStoreException) e).error())
                    .isEqualTo(ObjectError.INTERNAL_ERROR));
    assertThat(single.object(LOC, "a")).isPresent();
    assertThat(single.object(LOC, "b")).isEmpty();
    assertThat(plain.commits.get()).isEqualTo(1);
    assertThat(plain.savepoints.get()).isZero();
  }

  @Test
  void manyConcurrentWritersAreAllDurableAfterReopening() throws Exception {
    gate.open.countDown();
    int threads = 16;
    int each = 25;
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(
          pool.submit(
              () -> {
                for (int i = 0; i < each; i++) {
                  String key = "t" + thread + "/" + i;
                  catalog.putObject(LOC, object(key, "blob-" + key));
                }
                return null;
              }));
    }
    for (Future<?> w : writers) {
      w.get(60, TimeUnit.SECONDS);
    }
    assertThat(gate.commits.get()).isBetween(1, threads * each);
    store.close();
    store = SqliteStore.open(dir);
    SqlObjectCatalog reopened = new SqlObjectCatalog(store);
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < each; i++) {
        String key = "t" + t + "/" + i;
        assertThat(reopened.object(LOC, key))
            .map(o -> o.blobs().get(0).id())
            .contains("blob-" + key);
      }
    }
    assertThat(reopened.scan(LOC, "", "", 1000)).hasSize(threads * each);
  }
}
