package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.crypto.WriteScope;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.objects.BlobKeyRotation;
import dev.gatehouse.objects.FileBlobStore;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online rotation against a write that sealed under the old key before the switch and stores
 * after it; a rotation that cannot drain, finished later; the refusals.
 */
class OnlineMasterKeyRotationTest {
  @TempDir Path dir;
  final SecureRandom random = new SecureRandom();
  KeyRing ring;
  SqlStore store;
  FileBlobStore blobs;

  ServerConfig config(ServerConfig.StoreChoice choice) {
    return ServerConfig.local(dir).withAccount("123456789012").withStore(choice);
  }

  @BeforeEach
  void open() {
    ring = KeyRing.load(dir, Map.of(), random);
    store = SqliteStore.open(dir);
    blobs = FileBlobStore.open(dir.resolve("objects"), ring, random);
  }

  @AfterEach
  void close() {
    store.close();
  }

  OnlineMasterKeyRotation rotation(Duration drain) {
    return new OnlineMasterKeyRotation(
        config(new ServerConfig.StoreChoice.Embedded()), Map.of(), ring, store, random, drain);
  }

  KeyRing fileRing() throws Exception {
    return KeyRing.of(KeyRing.readKeys(dir.resolve(KeyRing.FILE_NAME)), random);
  }

  @Test
  void aWriteThatSealedBeforeTheSwitchAndStoresAfterItIsReSealed() throws Exception {
    CountDownLatch headerSealed = new CountDownLatch(1);
    CountDownLatch finishBody = new CountDownLatch(1);
    // A body that stalls after its first byte: the blob's data key is sealed (old key) by then.
    InputStream stalling =
        new SequenceInputStream(
            new ByteArrayInputStream(new byte[] {1}),
            new InputStream() {
              @Override
              public int read() {
                return read(new byte[1], 0, 1);
              }

              @Override
              public int read(byte[] b, int off, int len) {
                headerSealed.countDown();
                try {
                  finishBody.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return -1;
              }
            });
    CompletableFuture<String> upload =
        CompletableFuture.supplyAsync(
            () -> {
              WriteScope scope = ring.writing();
              try {
                return blobs.write(stalling);
              } finally {
                scope.close();
              }
            });
    assertThat(headerSealed.await(5, TimeUnit.SECONDS)).isTrue();
    AtomicInteger hooks = new AtomicInteger();
    OnlineMasterKeyRotation rotation = rotation(Duration.ofSeconds(30));
    rotation.afterReseal(hooks::incrementAndGet);
    CompletableFuture<dev.gatehouse.api.sts.KeyRotationActions.MasterKeyOutcome> rotated =
        CompletableFuture.supplyAsync(rotation::rotate);
    Thread.sleep(200);
    assertThat(rotated).isNotDone(); // waiting for the upload begun before the switch
    finishBody.countDown();
    String id = upload.get(10, TimeUnit.SECONDS);
    assertThat(rotated.get(10, TimeUnit.SECONDS).objectKeys()).isEqualTo(1);
    assertThat(hooks.get()).isEqualTo(1);

    // The blob opens under the new key alone: its re-seal from the new key alone succeeds.
    KeyRing now = fileRing();
    assertThat(ring.keyIds()).containsExactly(now.activeKeyId());
    assertThat(BlobKeyRotation.reseal(dir.resolve("objects"), now, now)).isEqualTo(1);
    try (InputStream in = FileBlobStore.open(dir.resolve("objects"), now, random).read(id, 0, 1)) {
      assertThat(in.readAllBytes()).containsExactly(1);
    }
  }

  @Test
  void aRotationThatCannotDrainKeepsBothKeysAndIsFinishedByTheNextRun() throws Exception {
    KeyRing before = fileRing();
    String sealedBefore = ring.seal(new byte[] {7}, "r");
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              WriteScope scope = ring.writing();
              try {
                opened.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                scope.close();
              }
            });
    assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> rotation(Duration.ofMillis(50)).rotate())
        .isInstanceOf(GatehouseException.class)
        .satisfies(
            e ->
                assertThat(((GatehouseException) e).code())
                    .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE))
        .hasMessageContaining("call RotateKeys again to finish it");
    // Half-way: the pending key seals, the old key still opens, both files there.
    assertThat(dir.resolve(KeyRing.NEXT_FILE_NAME)).exists();
    KeyRing pending = KeyRing.of(KeyRing.readKeys(dir.resolve(KeyRing.NEXT_FILE_NAME)), random);
    assertThat(ring.activeKeyId()).isEqualTo(pending.activeKeyId());
    assertThat(ring.open(sealedBefore, "r")).containsExactly(7);
    assertThat(fileRing().activeKeyId()).isEqualTo(before.activeKeyId());
    // A restart meanwhile opens with both keys (start-up reads master.key.next).
    assertThat(KeyRing.load(dir, Map.of(), random).open(sealedBefore, "r")).containsExactly(7);

    release.countDown();
    writer.get(5, TimeUnit.SECONDS);
    assertThat(rotation(Duration.ofSeconds(5)).rotate().keyId()).isEqualTo(pending.activeKeyId());
    assertThat(dir.resolve(KeyRing.NEXT_FILE_NAME)).doesNotExist();
    assertThat(fileRing().activeKeyId()).isEqualTo(pending.activeKeyId());
    assertThatThrownBy(() -> ring.open(sealedBefore, "r")).hasMessageContaining("unknown key");
  }

  @Test
  void refusedWhenTheKeyComesFromTheEnvironmentOrNodesShareTheStore() throws Exception {
    String file = Files.readString(dir.resolve(KeyRing.FILE_NAME));
    OnlineMasterKeyRotation fromEnv =
        new OnlineMasterKeyRotation(
            config(new ServerConfig.StoreChoice.Embedded()),
            Map.of(KeyRing.ENV, "x"),
            ring,
            store,
            random);
    assertThatThrownBy(fromEnv::rotate)
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining("the master key comes from GATEHOUSE_MASTER_KEY: rotate it there")
        .satisfies(
            e ->
                assertThat(((GatehouseException) e).code())
                    .isEqualTo(ErrorCode.UNMODIFIABLE_ENTITY));
    OnlineMasterKeyRotation shared =
        new OnlineMasterKeyRotation(
            config(new ServerConfig.StoreChoice.Postgres("jdbc:postgresql://db/gh", "gh", "pw")),
            Map.of(),
            ring,
            store,
            random);
    assertThatThrownBy(shared::rotate)
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining("nodes sharing a PostgreSQL store");
    assertThat(Files.readString(dir.resolve(KeyRing.FILE_NAME))).isEqualTo(file);
    assertThat(dir.resolve(KeyRing.NEXT_FILE_NAME)).doesNotExist();
    assertThat(ring.keyIds()).hasSize(1);
  }

  @Test
  void aFailedReSealLeavesTheRotationFinishableOffline() throws Exception {
    String sealedBefore = ring.seal(new byte[] {5}, "r");
    // A blob file that is not one: the re-seal stops there.
    Files.write(dir.resolve("objects/blobs").resolve("f".repeat(32)), new byte[] {1, 2});
    assertThatThrownBy(() -> rotation(Duration.ofSeconds(5)).rotate())
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining("shorter than its header");
    assertThat(dir.resolve(KeyRing.NEXT_FILE_NAME)).exists();
    assertThat(ring.open(sealedBefore, "r")).containsExactly(5);
    Files.delete(dir.resolve("objects/blobs").resolve("f".repeat(32)));
    store.close();
    MasterKeyRotation.Outcome done = MasterKeyRotation.rotate(dir, Map.of(), random);
    assertThat(done.keyId()).isEqualTo(ring.activeKeyId());
    assertThat(dir.resolve(KeyRing.NEXT_FILE_NAME)).doesNotExist();
    store = SqliteStore.open(dir);
    assertThat(List.of(fileRing().activeKeyId())).containsExactly(ring.activeKeyId());
  }
}
