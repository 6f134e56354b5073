package dev.gatehouse.objects;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.BlobRef;
import dev.gatehouse.core.objects.BlobStore;
import dev.gatehouse.core.objects.ObjectStoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Blobs as files in a directory: durable and encrypted at rest.
 *
 * <p>Durability: a blob is written to {@code tmp/<id>}, fsynced, renamed atomically to {@code
 * blobs/<id>}, and the {@code blobs} directory is fsynced before {@link #write} returns, so an
 * acknowledged blob survives a crash or power loss and a half-written one is never under {@code
 * blobs/}. Whatever {@code tmp/} holds at start-up was interrupted and is deleted.
 *
 * <p>Encryption: each blob has its own random AES-256 data key, sealed by the master {@link
 * KeyRing} bound to the blob id (a file copied under another id does not open). The plaintext is
 * cut into {@value #SEGMENT} byte segments, each sealed with AES-GCM under the data key; the nonce
 * is the segment index (unique because the key is), and the associated data binds the blob id, the
 * segment index and whether it is the last segment, so reordered, dropped or truncated segments
 * fail authentication (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, "Online
 * authenticated-encryption and its nonce-reuse misuse-resistance", 2015). A ranged read decrypts
 * only the segments it needs. The data keys of blobs read recently are kept opened ({@link
 * OpenedKeys}), for as long as the ring holds the master key that sealed them.
 *
 * <p>Throughput: a large blob is sealed and written by a helper thread a batch of segments at a
 * time while the caller's thread reads (and hashes) the next batch of the body ({@link
 * SealingWriter}), and read with the next batch decrypted ahead on a helper while the caller
 * consumes the current one ({@link DecryptingStream}); memory stays a few batches per blob.
 *
 * <p>File: {@code "GHB1"}, segment size (int), sealed key length (short), sealed key (ASCII), then
 * the segments, each ciphertext plus a 16-byte tag; at least one (possibly empty) segment.
 */
public final class FileBlobStore implements BlobStore {
  static final int SEGMENT = BlobSegments.SEGMENT;
  private static final int TAG = BlobSegments.TAG;
  static final byte[] MAGIC = "GHB1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private final Path blobs;
  private final Path tmp;
  private final KeyRing keys;
  private final OpenedKeys opened;
  private final SecureRandom random;

  /**
   * Group commit of the blob directory: renames into it are counted, and one fsync of the directory
   * makes every rename counted before it started durable, so writers that finish together share one
   * directory fsync instead of queueing one each.
   */
  private final AtomicLong renamed = new AtomicLong();

  private final Object directorySync = new Object();
  private long durableRenames; // guarded by directorySync

  private FileBlobStore(Path blobs, Path tmp, KeyRing keys, SecureRandom random) {
    this.blobs = blobs;
    this.tmp = tmp;
    this.keys = keys;
    this.opened = new OpenedKeys(keys);
    this.random = random;
  }

  /**
   * Opens (creating) the store in {@code dir}, deleting what interrupted writes left in {@code
   * dir/tmp}.
   */
  public static FileBlobStore open(Path dir, KeyRing keys, SecureRandom random) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(random, "random");
    Path blobs = dir.resolve("blobs");
    Path tmp = dir.resolve("tmp");
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(tmp);
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
        for (Path p : leftovers) {
          Files.deleteIfExists(p);
        }
      }
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw ObjectStoreException.internal("cannot open the object directory " + dir, e);
    }
    return new FileBlobStore(blobs, tmp, keys, random);
  }

  @Override
  public String write(InputStream body) {
    String id = newId();
    Path temp = tmp.resolve(id);
    try {
      try (FileChannel ch =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        SecretKey dataKey = dataKey();
        byte[] header = header(keys.seal(dataKey.getEncoded(), aadOfKey(id)));
        writeFully(ch, ByteBuffer.wrap(header));
        new SealingWriter(id, dataKey, ch, header.length).write(body);
        ch.force(true);
      }
      Files.move(temp, blobs.resolve(id), StandardCopyOption.ATOMIC_MOVE);
      makeRenameDurable(renamed.incrementAndGet());
      return id;
    } catch (IOException | GeneralSecurityException e) {
      deleteQuietly(temp, e);
      throw ObjectStoreException.internal("cannot write blob " + id, e);
    } catch (RuntimeException | Error e) {
      // The body failed (a forged chunk, a short body): nothing of it stays.
      deleteQuietly(temp, e);
      throw e;
    }
  }

  /**
   * The bytes of a blob file, built in memory and stored nowhere: the caller keeps them (in the
   * catalog record) and reads them back with {@link #read(BlobRef, long, long)}.
   */
  @Override
  public BlobRef seal(InputStream body, long length) {
    String id = newId();
    byte[] sealed;
    try {
      sealed = encrypt(id, body, length);
    } catch (IOException | GeneralSecurityException e) {
      throw ObjectStoreException.internal("cannot seal blob " + id, e);
    }
    return new BlobRef(id, length, new BlobRef.Inline(sealed));
  }

  private String newId() {
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    return HexFormat.of().formatHex(idBytes);
  }

  private SecretKey dataKey() {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    return new SecretKeySpec(raw, "AES");
  }

  /** The header and the sealed segments of a small body, in memory, on this thread. */
  private byte[] encrypt(String id, InputStream body, long length)
      throws IOException, GeneralSecurityException {
    SecretKey dataKey = dataKey();
    byte[] header = header(keys.seal(dataKey.getEncoded(), aadOfKey(id)));
    if (length >= 0 && length < SEGMENT) {
      return encryptOne(id, dataKey, header, body, (int) length);
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(length, SEGMENT) + header.length + TAG);
    out.write(header);
    byte[] current = new byte[SEGMENT];
    byte[] next = new byte[SEGMENT];
    byte[] sealed = new byte[SEGMENT + TAG];
    int n = SealingWriter.fill(body, current);
    for (long index = 0; ; index++) {
      int m = n < SEGMENT ? 0 : SealingWriter.fill(body, next);
      boolean last = m == 0;
      int len = BlobSegments.seal(id, dataKey, index, current, n, last, sealed, 0);
      out.write(sealed, 0, len);
      if (last) {
        return out.toByteArray();
      }
      byte[] swap = current;
      current = next;
      next = swap;
      n = m;
    }
  }

  /**
   * A body shorter than one segment: buffers of its size (one byte more, to see its end), sealed
   * into the returned array behind the header, where the general path would allocate and zero three
   * segment-sized buffers (192 KiB) for a 4 KiB object.
   */
  private static byte[] encryptOne(
      String id, SecretKey dataKey, byte[] header, InputStream body, int length)
      throws IOException, GeneralSecurityException {
    byte[] plain = new byte[length + 1];
    int n = SealingWriter.fill(body, plain);
    if (n > length) {
      throw new IOException("the body is longer than its declared " + length + " bytes");
    }
    byte[] sealed = Arrays.copyOf(header, header.length + n + TAG);
    BlobSegments.seal(id, dataKey, 0, plain, n, true, sealed, header.length);
    return sealed;
  }

  static byte[] header(String sealedKey) {
    byte[] key = sealedKey.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + 2 + key.length);
    b.put(MAGIC).putInt(SEGMENT).putShort((short) key.length).put(key);
    return b.array();
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void deleteQuietly(Path p, Throwable cause) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Returns once the {@code rename}-th rename into the blob directory is durable: at once when an
   * fsync of the directory that started after it has finished, else after one more, which also
   * covers every rename counted before it starts.
   */
  private void makeRenameDurable(long rename) throws IOException {
    synchronized (directorySync) {
      if (durableRenames >= rename) {
        return;
      }
      long covered = renamed.get();
      fsyncDirectory(blobs);
      durableRenames = covered;
    }
  }

  /** Makes a rename or creation in {@code dir} durable (POSIX: fsync the directory). */
  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  static String aadOfKey(String id) {
    return "blob/" + id;
  }

  private Path path(String id) {
    if (!ID.matcher(id).matches()) {
      throw ObjectStoreException.internal("not a blob id: " + id, null);
    }
    return blobs.resolve(id);
  }

  @Override
  public InputStream read(String id, long offset, long length) {
    Path file = path(id);
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw ObjectStoreException.internal("blob " + id + " is missing", e);
    } catch (IOException e) {
      throw ObjectStoreException.internal("cannot open blob " + id, e);
    }
    return read(id, BlobSource.of(ch), offset, length);
  }

  @Override
  public InputStream read(BlobRef inline, long offset, long length) {
    return read(inline.id(), BlobSource.of(inline.inline().view()), offset, length);
  }

  private InputStream read(String id, BlobSource source, long offset, long length) {
    try {
      return new SegmentReader(id, source, opened).stream(offset, length);
    } catch (IOException | RuntimeException e) {
      try {
        source.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof ObjectStoreException o) {
        throw o;
      }
      throw ObjectStoreException.internal("cannot read blob " + id, e);
    }
  }

  @Override
  public void delete(String id) {
    try {
      Files.deleteIfExists(path(id));
    } catch (IOException e) {
      throw ObjectStoreException.internal("cannot delete blob " + id, e);
    }
  }

  @Override
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (ID.matcher(name).matches()) {
          ids.add(name);
        }
      }
    } catch (IOException e) {
      throw ObjectStoreException.internal("cannot list " + blobs, e);
    }
    return ids;
  }
}
