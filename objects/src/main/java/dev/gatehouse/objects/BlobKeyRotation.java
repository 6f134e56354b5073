package dev.gatehouse.objects;

import dev.gatehouse.core.crypto.KeyRing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Re-seals the data key in each blob header of a {@link FileBlobStore} under a new master key: the
 * segments, sealed under the blob's own data key, stay as they are. Each blob is rewritten to a
 * temporary file, fsynced and renamed over the old one, so a crash leaves every blob whole, under
 * the old key or the new one (which is why the rotation opens with both).
 *
 * <p>It may run beside the server's writes (an online rotation): a blob deleted before it is read
 * is skipped; one deleted between its read and its rename comes back as an unreferenced blob, which
 * the object store collects at its next start ({@code CatalogObjectStore#collectOrphans}).
 */
public final class BlobKeyRotation {
  private BlobKeyRotation() {}

  /**
   * @param dir the object directory ({@code DATA_DIR/objects})
   * @param from a ring that opens every blob's key (the old and the new master keys)
   * @param to the ring that seals (the new master key)
   * @return the blobs re-sealed
   */
  public static int reseal(Path dir, KeyRing from, KeyRing to) throws IOException {
    Path blobs = dir.resolve("blobs");
    if (!Files.isDirectory(blobs)) {
      return 0;
    }
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    int count = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
      for (Path blob : files) {
        Path temp = tmp.resolve(blob.getFileName() + ".rekey");
        try {
          reseal(blob, temp, from, to);
          count++;
        } catch (NoSuchFileException e) {
          Files.deleteIfExists(temp); // deleted meanwhile: nothing to re-seal
        }
      }
    }
    try (FileChannel ch = FileChannel.open(blobs, StandardOpenOption.READ)) {
      ch.force(true);
    }
    return count;
  }

  private static void reseal(Path blob, Path temp, KeyRing from, KeyRing to) throws IOException {
    String id = blob.getFileName().toString();
    Files.deleteIfExists(temp); // left by a rotation that failed here
    try (InputStream in = Files.newInputStream(blob)) {
      byte[] header = resealHeader(id, in, from, to);
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        out.write(header);
        in.transferTo(out);
      }
    }
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The sealed bytes of an inline blob (kept in the object catalog, see {@link FileBlobStore#seal})
   * with their data key re-sealed under {@code to}.
   */
  public static byte[] reseal(String id, byte[] sealed, KeyRing from, KeyRing to) {
    ByteArrayInputStream in = new ByteArrayInputStream(sealed);
    try {
      byte[] header = resealHeader(id, in, from, to);
      ByteArrayOutputStream out = new ByteArrayOutputStream(sealed.length + 64);
      out.write(header);
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot re-seal inline blob " + id, e);
    }
  }

  /** Reads the header of blob {@code id} from {@code in}, returning it re-sealed. */
  private static byte[] resealHeader(String id, InputStream in, KeyRing from, KeyRing to)
      throws IOException {
    byte[] fixed = in.readNBytes(FileBlobStore.MAGIC.length + 6);
    ByteBuffer b = ByteBuffer.wrap(fixed);
    byte[] magic = new byte[FileBlobStore.MAGIC.length];
    if (fixed.length < magic.length + 6) {
      throw new IOException("blob " + id + " is shorter than its header");
    }
    b.get(magic);
    b.getInt();
    int keyLength = b.getShort() & 0xffff;
    if (!Arrays.equals(magic, FileBlobStore.MAGIC)) {
      throw new IOException("blob " + id + " has no Gatehouse blob header");
    }
    String sealed = new String(in.readNBytes(keyLength), StandardCharsets.US_ASCII);
    String aad = FileBlobStore.aadOfKey(id);
    return FileBlobStore.header(to.seal(from.open(sealed, aad), aad));
  }
}
