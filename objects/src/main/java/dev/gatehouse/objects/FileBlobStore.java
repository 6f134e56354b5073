package dev.gatehouse.objects;

import dev.gatehouse.core.crypto.CryptoException;
import dev.gatehouse.core.crypto.GcmCiphers;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.BlobRef;
import dev.gatehouse.core.objects.BlobStore;
import dev.gatehouse.core.objects.ObjectStoreException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
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
 * only the segments it needs.
 *
 * <p>File: {@code "GHB1"}, segment size (int), sealed key length (short), sealed key (ASCII), then
 * the segments, each ciphertext plus a 16-byte tag; at least one (possibly empty) segment.
 */
public final class FileBlobStore implements BlobStore {
  static final int SEGMENT = 64 * 1024;
  private static final int TAG = 16;
  static final byte[] MAGIC = "GHB1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private final Path blobs;
  private final Path tmp;
  private final KeyRing keys;
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
        encrypt(id, body, (b, off, len) -> writeFully(ch, ByteBuffer.wrap(b, off, len)));
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
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, SEGMENT) + 256);
    try {
      encrypt(id, body, out::write);
    } catch (IOException | GeneralSecurityException e) {
      throw ObjectStoreException.internal("cannot seal blob " + id, e);
    }
    return new BlobRef(id, length, new BlobRef.Inline(out.toByteArray()));
  }

  private String newId() {
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    return HexFormat.of().formatHex(idBytes);
  }

  /** Where {@link #encrypt} puts the blob's bytes. */
  @FunctionalInterface
  private interface Sink {
    void write(byte[] b, int off, int len) throws IOException;
  }

  /** Writes the header and the sealed segments of everything {@code body} yields. */
  private void encrypt(String id, InputStream body, Sink sink)
      throws IOException, GeneralSecurityException {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    SecretKey dataKey = new SecretKeySpec(raw, "AES");
    byte[] header = header(keys.seal(raw, aadOfKey(id)));
    sink.write(header, 0, header.length);
    byte[] current = new byte[SEGMENT];
    byte[] next = new byte[SEGMENT];
    byte[] out = new byte[SEGMENT + TAG];
    int n = fill(body, current);
    for (long index = 0; ; index++) {
      int m = n < SEGMENT ? 0 : fill(body, next);
      boolean last = m == 0;
      // Taken after the read of the body, which may be a decrypting stream on this same thread
      // (a copy): the thread's cipher is used from init to doFinal with nothing between.
      Cipher cipher = GcmCiphers.get();
      cipher.init(Cipher.ENCRYPT_MODE, dataKey, nonce(index));
      cipher.updateAAD(aad(id, index, last));
      int len = cipher.doFinal(current, 0, n, out, 0);
      sink.write(out, 0, len);
      if (last) {
        return;
      }
      byte[] swap = current;
      current = next;
      next = swap;
      n = m;
    }
  }

  private static int fill(InputStream in, byte[] buffer) throws IOException {
    int n = 0;
    while (n < buffer.length) {
      int r = in.read(buffer, n, buffer.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
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

  private static GCMParameterSpec nonce(long index) {
    return new GCMParameterSpec(TAG * 8, ByteBuffer.allocate(12).putInt(0).putLong(index).array());
  }

  private static byte[] aad(String id, long index, boolean last) {
    return ("gatehouse/blob/v1/" + id + "/" + index + "/" + (last ? "last" : "more"))
        .getBytes(StandardCharsets.US_ASCII);
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
    return read(id, Source.of(ch), offset, length);
  }

  @Override
  public InputStream read(BlobRef inline, long offset, long length) {
    return read(inline.id(), Source.of(inline.inline().sealed()), offset, length);
  }

  /** The sealed bytes of one blob: a file, or a catalog record's inline bytes. */
  private interface Source extends Closeable {
    long size() throws IOException;

    /** Fills {@code b} from {@code position}; {@code false} when the bytes end first. */
    boolean readFully(ByteBuffer b, long position) throws IOException;

    static Source of(FileChannel ch) {
      return new Source() {
        @Override
        public long size() throws IOException {
          return ch.size();
        }

        @Override
        public boolean readFully(ByteBuffer b, long position) throws IOException {
          while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
              return false;
            }
          }
          return true;
        }

        @Override
        public void close() throws IOException {
          ch.close();
        }
      };
    }

    static Source of(byte[] bytes) {
      return new Source() {
        @Override
        public long size() {
          return bytes.length;
        }

        @Override
        public boolean readFully(ByteBuffer b, long position) {
          if (position + b.remaining() > bytes.length) {
            return false;
          }
          b.put(bytes, (int) position, b.remaining());
          return true;
        }

        @Override
        public void close() {}
      };
    }
  }

  private InputStream read(String id, Source ch, long offset, long length) {
    try {
      SegmentReader reader = new SegmentReader(id, ch);
      InputStream in = reader.stream(offset, length);
      return in;
    } catch (IOException | RuntimeException e) {
      try {
        ch.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof ObjectStoreException o) {
        throw o;
      }
      throw ObjectStoreException.internal("cannot read blob " + id, e);
    }
  }

  /** Decrypts the segments of one blob file on demand. */
  private final class SegmentReader {
    private final String id;
    private final Source ch;
    private final SecretKey dataKey;
    private final long dataStart;
    private final long segments;
    private final long fileSize;

    SegmentReader(String id, Source ch) throws IOException {
      this.id = id;
      this.ch = ch;
      this.fileSize = ch.size();
      ByteBuffer fixed = ByteBuffer.wrap(readAt(0, MAGIC.length + 4 + 2));
      byte[] magic = new byte[MAGIC.length];
      fixed.get(magic);
      int segment = fixed.getInt();
      int keyLength = fixed.getShort() & 0xffff;
      if (!java.util.Arrays.equals(magic, MAGIC) || segment != SEGMENT) {
        throw tampered("its header is not a Gatehouse blob header", null);
      }
      byte[] sealed = readAt(MAGIC.length + 6, keyLength);
      try {
        this.dataKey =
            new SecretKeySpec(
                keys.open(new String(sealed, StandardCharsets.US_ASCII), aadOfKey(id)), "AES");
      } catch (CryptoException e) {
        throw tampered("its data key does not open", e);
      }
      this.dataStart = MAGIC.length + 6L + keyLength;
      long body = fileSize - dataStart;
      this.segments = Math.max(1, (body + SEGMENT + TAG - 1) / (SEGMENT + TAG));
    }

    private ObjectStoreException tampered(String what, Throwable cause) {
      return ObjectStoreException.internal(
          "blob " + id + " failed authentication (tampered or truncated): " + what, cause);
    }

    private byte[] readAt(long position, int length) throws IOException {
      if (position + length > fileSize) {
        throw tampered("the file ends early", null);
      }
      byte[] bytes = new byte[length];
      ByteBuffer b = ByteBuffer.wrap(bytes);
      if (!ch.readFully(b, position)) {
        throw tampered("the file ends early", null);
      }
      return bytes;
    }

    byte[] segment(long index) throws IOException {
      long start = dataStart + index * (SEGMENT + TAG);
      int stored = (int) Math.min(SEGMENT + TAG, fileSize - start);
      if (stored < TAG) {
        throw tampered("segment " + index + " is missing", null);
      }
      byte[] b = readAt(start, stored);
      try {
        // This thread's cipher, not one kept by the reader: the stream may be read on another
        // thread than the one that opened it.
        Cipher cipher = GcmCiphers.get();
        cipher.init(Cipher.DECRYPT_MODE, dataKey, nonce(index));
        cipher.updateAAD(aad(id, index, index == segments - 1));
        return cipher.doFinal(b, 0, stored);
      } catch (GeneralSecurityException e) {
        throw tampered("segment " + index + " does not authenticate", e);
      }
    }

    InputStream stream(long offset, long length) throws IOException {
      if (length == 0) {
        ch.close();
        return InputStream.nullInputStream();
      }
      long firstSegment = offset / SEGMENT;
      long lastSegment = (offset + length - 1) / SEGMENT;
      if (lastSegment >= segments) {
        throw tampered("it holds fewer bytes than its record says", null);
      }
      // The first segment is decrypted now, so a tampered blob fails before any byte is served.
      byte[] first = segment(firstSegment);
      return new DecryptingStream(this, first, firstSegment, lastSegment, offset, length);
    }
  }

  /** The plaintext of a span of segments, one segment in memory at a time. */
  private static final class DecryptingStream extends InputStream {
    private final SegmentReader reader;
    private final long lastSegment;
    private byte[] current;
    private long segmentIndex;
    private int pos;
    private long remaining;

    DecryptingStream(
        SegmentReader reader,
        byte[] first,
        long firstSegment,
        long lastSegment,
        long offset,
        long length) {
      this.reader = reader;
      this.lastSegment = lastSegment;
      this.current = first;
      this.segmentIndex = firstSegment;
      this.pos = (int) (offset - firstSegment * SEGMENT);
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (remaining == 0) {
        return -1;
      }
      if (pos >= current.length) {
        if (segmentIndex >= lastSegment) {
          throw reader.tampered("a segment is shorter than its place says", null);
        }
        segmentIndex++;
        current = reader.segment(segmentIndex);
        pos = 0;
      }
      int n = (int) Math.min(Math.min(len, current.length - pos), remaining);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      remaining -= n;
      return n;
    }

    @Override
    public void close() throws IOException {
      reader.ch.close();
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
