package dev.gatehouse.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.BlobRef;
import dev.gatehouse.core.objects.ObjectStoreContract;
import dev.gatehouse.core.objects.ObjectStoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob store's two-thread paths: a body sealed and written a batch behind its reading, and a
 * read decrypting the next batch ahead; sizes around the batch boundaries, failures on either
 * thread, and an interrupted caller.
 */
class SealingPipelineTest {
  private static final int BATCH = BlobSegments.BATCH;
  private final SecureRandom random = new SecureRandom();
  @TempDir Path dir;

  private FileBlobStore store() {
    return FileBlobStore.open(dir, KeyRing.of(List.of(new byte[32]), random), random);
  }

  private static byte[] read(FileBlobStore store, String id, long offset, long length)
      throws IOException {
    try (InputStream in = store.read(id, offset, length)) {
      return in.readAllBytes();
    }
  }

  private List<Path> files(String sub) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve(sub))) {
      return s.toList();
    }
  }

  @Test
  void everySizeAroundTheBatchesReadsBackWholeAndInRanges() throws IOException {
    FileBlobStore store = store();
    int[] sizes = {
      BATCH - 1, BATCH, BATCH + 1, 2 * BATCH, 2 * BATCH + 5, 3 * BATCH - FileBlobStore.SEGMENT
    };
    for (int size : sizes) {
      byte[] body = ObjectStoreContract.bytes(size, size);
      String id = store.write(new ByteArrayInputStream(body));
      long segments = Math.max(1, (size + FileBlobStore.SEGMENT - 1) / FileBlobStore.SEGMENT);
      assertThat(Files.size(dir.resolve("blobs").resolve(id)) - size)
          .as("header and one tag per segment, size %d", size)
          .isEqualTo(16 * segments + headerLength(id));
      assertThat(read(store, id, 0, size)).isEqualTo(body);
      int from = BATCH - 3;
      assertThat(read(store, id, from, size - from))
          .isEqualTo(Arrays.copyOfRange(body, from, size));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = store.read(id, 7, size - 8)) {
        assertThat(in.read()).isEqualTo(body[7] & 0xff);
        assertThat(in.transferTo(out)).isEqualTo(size - 9);
        assertThat(in.read()).isEqualTo(-1);
      }
      assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(body, 8, size - 1));
    }
  }

  private long headerLength(String id) throws IOException {
    try (FileChannel ch = FileChannel.open(dir.resolve("blobs").resolve(id))) {
      ByteBuffer fixed = ByteBuffer.allocate(FileBlobStore.MAGIC.length + 6);
      ch.read(fixed, 0);
      return (long) fixed.capacity() + (fixed.getShort(FileBlobStore.MAGIC.length + 4) & 0xffff);
    }
  }

  @Test
  void aSealedBodyOfSeveralSegmentsReadsBack() throws IOException {
    FileBlobStore store = store();
    for (int size : new int[] {0, FileBlobStore.SEGMENT, 2 * FileBlobStore.SEGMENT + 3}) {
      byte[] body = ObjectStoreContract.bytes(size, size + 1);
      BlobRef ref = store.seal(stream(body), size);
      try (InputStream in = store.read(ref, 0, size)) {
        assertThat(in.readAllBytes()).isEqualTo(body);
      }
    }
  }

  @Test
  void aSealedBodyShorterThanASegmentReadsBackAndTakesOnlyItsBytes() throws IOException {
    FileBlobStore store = store();
    for (int size : new int[] {1, 4096, FileBlobStore.SEGMENT - 1}) {
      byte[] body = ObjectStoreContract.bytes(size, size + 7);
      BlobRef ref = store.seal(stream(body), size);
      byte[] sealed = ref.inline().sealed();
      assertThat(sealed.length - size).isEqualTo(sealed(store, 1).length - 1);
      try (InputStream in = store.read(ref, 0, size)) {
        assertThat(in.readAllBytes()).isEqualTo(body);
      }
      try (InputStream in = store.read(ref, size / 2, size - size / 2)) {
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(body, size / 2, size));
      }
    }
  }

  @Test
  void aSmallObjectIsSealedAndReadWithBuffersOfItsSize() throws IOException {
    FileBlobStore store = store();
    byte[] body = ObjectStoreContract.bytes(4096, 5);
    for (int warm = 0; warm < 3; warm++) {
      sealAndRead(store, body);
    }
    // A segment-sized buffer (64 KiB) anywhere on the way would exceed this: about 4 KiB of
    // plaintext and 4 KiB of sealed bytes each way, plus the ciphers' own few hundred bytes.
    assertThat(allocatedBy(() -> sealAndRead(store, body))).isLessThan(48 * 1024);
  }

  /**
   * Sealing or opening a segment under a blob's data key leaves the key ring's cipher alone: the
   * key ring's next use allocates no more than when nothing ran between (the JDK expands a cipher's
   * AES-256 key schedule, about 1.7 KB of arrays, only when the key differs from its last one).
   */
  @Test
  void aSegmentLeavesTheKeyRingsKeyScheduleInPlace() {
    KeyRing keys = KeyRing.of(List.of(new byte[32]), random);
    String envelope = keys.seal(new byte[32], "blob/x");
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 7);
    SecretKeySpec dataKey = new SecretKeySpec(raw, "AES");
    byte[] plain = new byte[16];
    byte[] sealed = new byte[16 + 16];
    long[] index = {0}; // GCM refuses a key and nonce pair twice: a new segment each time
    Runnable segment =
        () -> {
          try {
            BlobSegments.seal("x", dataKey, index[0]++, plain, plain.length, true, sealed, 0);
          } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        };
    Runnable open = () -> keys.open(envelope, "blob/x");
    for (int warm = 0; warm < 2_000; warm++) {
      segment.run();
      open.run();
    }
    long alone = 0;
    long afterSegment = 0;
    int rounds = 200;
    for (int i = 0; i < rounds; i++) {
      open.run();
      alone += allocatedBy(open);
      segment.run();
      afterSegment += allocatedBy(open);
    }
    assertThat((afterSegment - alone) / rounds).isLessThan(512);
  }

  private static void sealAndRead(FileBlobStore store, byte[] body) {
    BlobRef ref = store.seal(stream(body), body.length);
    try (InputStream in = store.read(ref, 0, body.length)) {
      assertThat(in.readNBytes(body.length)).isEqualTo(body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Bytes the current thread allocated while running {@code r}. */
  private static long allocatedBy(Runnable r) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    r.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void aSmallBodyLongerThanDeclaredIsRefused() {
    FileBlobStore store = store();
    byte[] body = ObjectStoreContract.bytes(4097, 3);
    assertThatThrownBy(() -> store.seal(stream(body), 4096))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("cannot seal");
  }

  private static byte[] sealed(FileBlobStore store, int size) {
    BlobRef ref = store.seal(stream(new byte[size]), size);
    return ref.inline().sealed();
  }

  @Test
  void aBodyFailingWhileABatchIsSealedLeavesNothing() throws IOException {
    FileBlobStore store = store();
    byte[] body = ObjectStoreContract.bytes(4 * BATCH, 1);
    for (int good : new int[] {BATCH + 10, 3 * BATCH}) {
      assertThatThrownBy(() -> store.write(ObjectStoreContract.failingAfter(body, good)))
          .isInstanceOf(ObjectStoreContract.ForgedChunk.class);
    }
    assertThat(files("blobs")).isEmpty();
    assertThat(files("tmp")).isEmpty();
  }

  @Test
  void aFailingWriteOnTheHelperFailsTheCaller() throws IOException {
    Path file = dir.resolve("f");
    Files.write(file, new byte[0]);
    SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
    byte[] body = ObjectStoreContract.bytes(3 * BATCH, 2);
    FileChannel closed = FileChannel.open(file, StandardOpenOption.WRITE);
    closed.close();
    assertThatThrownBy(() -> new SealingWriter("a".repeat(32), key, closed, 0).write(stream(body)))
        .isInstanceOf(ClosedChannelException.class);
    try (FileChannel readOnly = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThatThrownBy(
              () -> new SealingWriter("a".repeat(32), key, readOnly, 0).write(stream(body)))
          .isInstanceOf(NonWritableChannelException.class);
    }
  }

  private static InputStream stream(byte[] body) {
    return new ByteArrayInputStream(body);
  }

  @Test
  void anInterruptedCallerStillWaitsForItsHelperAndKeepsItsInterrupt() throws Exception {
    Path file = dir.resolve("f");
    SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      Thread.currentThread().interrupt();
      try {
        new SealingWriter("b".repeat(32), key, ch, 0)
            .write(stream(ObjectStoreContract.bytes(2 * BATCH, 3)));
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
    }
    assertThat(Files.size(file)).isEqualTo(2L * BlobSegments.SEALED_BATCH);

    FileBlobStore store = store();
    byte[] body = ObjectStoreContract.bytes(3 * BATCH, 4);
    String id = store.write(stream(body));
    try (InputStream in = store.read(id, 0, body.length)) {
      byte[] first = in.readNBytes(BATCH);
      Thread.currentThread().interrupt();
      byte[] rest;
      try {
        rest = in.readAllBytes();
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      assertThat(first).isEqualTo(Arrays.copyOf(body, BATCH));
      assertThat(rest).isEqualTo(Arrays.copyOfRange(body, BATCH, body.length));
    }
  }

  @Test
  void aTamperedBatchReadAheadFailsTheRead() throws IOException {
    FileBlobStore store = store();
    byte[] body = ObjectStoreContract.bytes(3 * BATCH, 5);
    String id = store.write(stream(body));
    Path file = dir.resolve("blobs").resolve(id);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long inThird = ch.size() - 100;
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, inThird);
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 1)}), inThird);
    }
    assertThat(read(store, id, 0, 2L * BATCH)).isEqualTo(Arrays.copyOf(body, 2 * BATCH));
    assertThatThrownBy(() -> read(store, id, 0, body.length))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e).hasMessageContaining("failed authentication"));
    // Closed before the end, with a batch read ahead: the helper's batch is waited for.
    try (InputStream in = store.read(id, 0, body.length)) {
      assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOf(body, 10));
    }
  }

  @Test
  void aBlobShorterThanItsPlaceSaysFailsWhenReached() throws IOException {
    FileBlobStore store = store();
    byte[] body = ObjectStoreContract.bytes(2 * BATCH + 100, 6);
    String id = store.write(stream(body));
    // A record claiming more bytes than the last segment holds.
    assertThatThrownBy(() -> read(store, id, 0, body.length + 50))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e).hasMessageContaining("shorter than its place"));
    assertThatThrownBy(() -> read(store, id, 2L * BATCH, 150))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e).hasMessageContaining("shorter than its place"));
  }
}
