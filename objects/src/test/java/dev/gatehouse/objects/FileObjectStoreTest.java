package dev.gatehouse.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.ByteRange;
import dev.gatehouse.core.objects.CatalogObjectStore;
import dev.gatehouse.core.objects.ObjectContent;
import dev.gatehouse.core.objects.ObjectError;
import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.core.objects.ObjectStoreContract;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.core.objects.ObjectWrite;
import dev.gatehouse.store.sql.SqlObjectCatalog;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded store (encrypted blob files, SQLite catalog) under the contract, and its own cases.
 */
class FileObjectStoreTest extends ObjectStoreContract {
  private final Path dir;
  private SqlStore sql;
  private final KeyRing keys;
  private CatalogObjectStore store;

  FileObjectStoreTest() throws IOException {
    dir = Files.createTempDirectory("gatehouse-objects");
    sql = SqliteStore.open(dir);
    keys = KeyRing.load(dir, Map.of(), new SecureRandom());
    store = open();
  }

  private CatalogObjectStore open() {
    return FileObjectStore.open(
        dir.resolve("objects"),
        keys,
        new SqlObjectCatalog(sql),
        Clock.systemUTC(),
        new SecureRandom());
  }

  @AfterEach
  void close() {
    sql.close();
  }

  /** A GET's transfer writes whole blobs (batches of segments), not a copy buffer's 8 KiB. */
  @Override
  protected int smallestLargestTransferWrite() {
    return 64 * 1024 + 1;
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  private Path blobs() {
    return dir.resolve("objects/blobs");
  }

  private List<Path> blobFiles() throws IOException {
    try (Stream<Path> s = Files.list(blobs())) {
      return s.toList();
    }
  }

  @Test
  void bytesAtRestAreCiphertext() throws IOException {
    byte[] plain =
        "attack at dawn, attack at dawn, attack at dawn"
            .repeat(2000)
            .getBytes(StandardCharsets.UTF_8);
    put("secret", plain);
    byte[] stored = Files.readAllBytes(blobFiles().get(0));
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("attack");
    assertThat(stored.length).isGreaterThan(plain.length);

    byte[] small = "attack at dawn".repeat(10).getBytes(StandardCharsets.UTF_8);
    put("small", small);
    byte[] inline = inlineBytes("small");
    assertThat(new String(inline, StandardCharsets.ISO_8859_1)).doesNotContain("attack");
    assertThat(inline.length).isGreaterThan(small.length);
  }

  @Test
  void aSmallPutWritesNoBlobFileAndALargeOneDoes() throws IOException {
    put("small", bytes((int) CatalogObjectStore.INLINE_MAX, 1));
    put("empty", new byte[0]);
    assertThat(blobFiles()).isEmpty();
    assertThat(inlineBytes("small")).isNotNull();
    put("large", bytes((int) CatalogObjectStore.INLINE_MAX + 1, 2));
    assertThat(blobFiles()).hasSize(1);
    assertThat(inlineBytes("large")).isNull();
    assertThat(read(store.get(location, "small")))
        .isEqualTo(bytes((int) CatalogObjectStore.INLINE_MAX, 1));
    assertThat(read(store.get(location, "large", new ByteRange.FromTo(65_530, 65_536))))
        .isEqualTo(
            java.util.Arrays.copyOfRange(
                bytes((int) CatalogObjectStore.INLINE_MAX + 1, 2), 65_530, 65_537));

    // Overwriting a file with a small object deletes the file; a small one replaced leaves none.
    put("large", bytes(10, 3));
    put("small", bytes(20, 4));
    assertThat(blobFiles()).isEmpty();
    assertThat(read(store.get(location, "large"))).isEqualTo(bytes(10, 3));
    assertThat(read(store.get(location, "small", new ByteRange.FromTo(5, 9))))
        .isEqualTo(java.util.Arrays.copyOfRange(bytes(20, 4), 5, 10));
    store.copy(location, "small", location, "copied");
    assertThat(blobFiles()).isEmpty();
    assertThat(inlineBytes("copied")).isNotEqualTo(inlineBytes("small"));
    store.delete(location, "small");
    assertThat(read(store.get(location, "copied"))).isEqualTo(bytes(20, 4));
    // Start-up orphan collection leaves inline objects alone.
    store = open();
    assertThat(read(store.get(location, "copied"))).isEqualTo(bytes(20, 4));
  }

  @Test
  void tamperedOrSwappedInlineBytesAreRefused() throws Exception {
    put("a", bytes(100, 1));
    put("b", bytes(100, 2));
    byte[] a = inlineBytes("a");
    byte[] flipped = a.clone();
    flipped[flipped.length - 20] ^= 1;
    setInlineBytes("a", flipped);
    assertThatThrownBy(() -> read(store.get(location, "a", new ByteRange.FromTo(0, 9))))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e).hasMessageContaining("failed authentication"));
    setInlineBytes("a", java.util.Arrays.copyOf(a, a.length - 1));
    assertThatThrownBy(() -> read(store.get(location, "a")))
        .isInstanceOf(ObjectStoreException.class);
    // Bytes sealed for another blob id do not open under this one.
    setInlineBytes("b", a);
    assertThatThrownBy(() -> read(store.get(location, "b")))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e).hasMessageContaining("data key does not open"));
    setInlineBytes("a", a);
    assertThat(read(store.get(location, "a"))).isEqualTo(bytes(100, 1));
  }

  private java.sql.Connection db() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(
        "jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME).toAbsolutePath());
  }

  private byte[] inlineBytes(String key) {
    try (java.sql.Connection c = db();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "SELECT b.inline_data FROM s3_object_blobs b JOIN s3_objects o"
                    + " ON o.location = b.location AND o.sort_key = b.sort_key"
                    + " WHERE o.location = ? AND o.object_key = ?")) {
      ps.setString(1, location);
      ps.setString(2, key);
      try (java.sql.ResultSet r = ps.executeQuery()) {
        assertThat(r.next()).isTrue();
        return r.getBytes(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rewrites an object's inline bytes with the server stopped (it holds the write lock). */
  private void setInlineBytes(String key, byte[] value) throws java.sql.SQLException {
    sql.close();
    try (java.sql.Connection c = db();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "UPDATE s3_object_blobs SET inline_data = ? WHERE location = ? AND sort_key IN"
                    + " (SELECT sort_key FROM s3_objects WHERE location = ? AND object_key = ?)")) {
      ps.setBytes(1, value);
      ps.setString(2, location);
      ps.setString(3, location);
      ps.setString(4, key);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    sql = SqliteStore.open(dir);
    store = open();
  }

  @Test
  void tamperedCiphertextIsDetected() throws IOException {
    byte[] content = bytes(3 * FileBlobStore.SEGMENT + 100, 1);
    put("t", content);
    Path file = blobFiles().get(0);
    long size = Files.size(file);
    // Flip one bit in the second segment: a read that needs it fails; one that does not still
    // works.
    long inSecond = size - (FileBlobStore.SEGMENT + 16L) * 2 - 100;
    flip(file, inSecond);
    assertThat(read(store.get(location, "t", new ByteRange.FromTo(0, 99)))).hasSize(100);
    assertThatThrownBy(() -> read(store.get(location, "t")))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e).hasMessageContaining("failed authentication"));
  }

  @Test
  void truncatedOrSwappedSegmentsAreDetected() throws IOException {
    byte[] content = bytes(2 * FileBlobStore.SEGMENT, 2);
    put("cut", content);
    Path file = blobFiles().get(0);
    // Drop the last segment: the one before it now stands last but was not sealed as last.
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - FileBlobStore.SEGMENT - 16);
    }
    assertThatThrownBy(() -> read(store.get(location, "cut", new ByteRange.FromTo(0, 10))))
        .isInstanceOf(ObjectStoreException.class);
    assertThatThrownBy(() -> read(store.get(location, "cut")))
        .isInstanceOf(ObjectStoreException.class);

    put("swap", content);
    Path swapFile = blobFiles().stream().filter(p -> !p.equals(file)).findFirst().orElseThrow();
    byte[] all = Files.readAllBytes(swapFile);
    int seg = FileBlobStore.SEGMENT + 16;
    int start = all.length - 2 * seg;
    byte[] swapped = all.clone();
    System.arraycopy(all, start, swapped, start + seg, seg);
    System.arraycopy(all, start + seg, swapped, start, seg);
    Files.write(swapFile, swapped);
    assertThatThrownBy(() -> read(store.get(location, "swap")))
        .isInstanceOf(ObjectStoreException.class);
  }

  @Test
  void aBlobCopiedUnderAnotherIdDoesNotOpen() throws IOException {
    put("a", bytes(100_000, 1));
    put("b", bytes(100_000, 2));
    List<Path> files = blobFiles();
    Files.copy(files.get(0), files.get(1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    int failures = 0;
    for (String key : List.of("a", "b")) {
      try {
        read(store.get(location, key));
      } catch (ObjectStoreException e) {
        failures++;
      }
    }
    assertThat(failures).isEqualTo(1);
  }

  @Test
  void anotherMasterKeyCannotRead() {
    put("k", bytes(10, 1));
    CatalogObjectStore other =
        FileObjectStore.open(
            dir.resolve("objects"),
            KeyRing.of(List.of(new byte[32]), new SecureRandom()),
            new SqlObjectCatalog(sql),
            Clock.systemUTC(),
            new SecureRandom());
    assertThatThrownBy(() -> other.get(location, "k"))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.INTERNAL_ERROR));
  }

  @Test
  void startUpRemovesInterruptedWritesAndOrphanBlobs() throws IOException {
    put("live", bytes(100_000, 1));
    Path tmpFile = dir.resolve("objects/tmp/" + "ab".repeat(16));
    Files.write(tmpFile, new byte[] {1, 2, 3});
    FileBlobStore raw = FileBlobStore.open(dir.resolve("objects"), keys, new SecureRandom());
    String orphan = raw.write(new ByteArrayInputStream(bytes(50, 3)));
    Files.write(tmpFile, new byte[] {1, 2, 3});
    assertThat(blobFiles()).hasSize(2);
    store = open();
    assertThat(tmpFile).doesNotExist();
    assertThat(blobFiles()).hasSize(1);
    assertThat(blobs().resolve(orphan)).doesNotExist();
    assertThat(read(store.get(location, "live"))).isEqualTo(bytes(100_000, 1));
  }

  @Test
  void aFailedPutLeavesNoFileBehind() throws IOException {
    byte[] content = bytes(5 * FileBlobStore.SEGMENT, 4);
    assertThatThrownBy(
            () ->
                store.put(
                    location,
                    ObjectWrite.of("f", content.length),
                    failingAfter(content, 3 * FileBlobStore.SEGMENT)))
        .isInstanceOf(ForgedChunk.class);
    assertThat(blobFiles()).isEmpty();
    try (Stream<Path> s = Files.list(dir.resolve("objects/tmp"))) {
      assertThat(s.toList()).isEmpty();
    }
  }

  /**
   * Memory: a 64 MiB object goes in and out through streams that are generated and consumed on the
   * fly; the heap grows by far less than the object (the store holds three 256 KiB batches of
   * segments while writing and two while reading).
   */
  @Test
  void largeObjectsStreamWithoutBuffering() throws IOException {
    long size = 64L * MIB;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long[] peak = {0};
    InputStream generated =
        new InputStream() {
          long left = size;

          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left == 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) (left % 251));
            left -= n;
            if (left % (8 * MIB) < n) {
              peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory() - before);
            }
            return n;
          }
        };
    store.put(location, ObjectWrite.of("huge", size), generated);
    long total = 0;
    byte[] buf = new byte[8192];
    try (ObjectContent c = store.get(location, "huge", new ByteRange.From(size - 3 * MIB - 7))) {
      int n;
      while ((n = c.body().read(buf)) > 0) {
        total += n;
      }
    }
    assertThat(total).isEqualTo(3L * MIB + 7);
    System.out.printf(
        "memory: heap growth while writing a 64 MiB object: %d KiB%n", peak[0] / 1024);
    assertThat(Files.size(blobFiles().get(0))).isGreaterThan(size);
    // A store that buffered the object would hold all 64 MiB live while writing.
    assertThat(peak[0]).isLessThan(size * 3 / 4);
  }

  private static void flip(Path file, long position) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, position);
      one.flip();
      byte b = one.get();
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (b ^ 1)}), position);
    }
  }
}
