package dev.gatehouse.server;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.iam.AccessKeys;
import dev.gatehouse.objects.BlobKeyRotation;
import dev.gatehouse.store.sql.SqlSecrets;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Rotates the master key of a data dir, with its server stopped: the running server holds the key
 * ring in memory, and a value re-sealed under a key it does not know would not open there.
 *
 * <p>Steps, each safe to interrupt: (1) the new key is written to {@code master.key.next} (its keys
 * open values too, see {@link KeyRing#load}); (2) each blob's data key is re-sealed under it, blob
 * by blob, atomically; (3) every access key secret and MFA seed is re-sealed in ONE store
 * transaction, then the data keys of the objects kept inline in the catalog in another; (4) {@code
 * master.key} is replaced atomically by the new key alone and {@code master.key.next} deleted.
 * Until (4) the old key file is there; after it the old key opens nothing. A rotation interrupted
 * at any point is finished by running it again (it reuses the pending new key).
 *
 * <p>A running single node rotates online with the same steps ({@link OnlineMasterKeyRotation}).
 */
public final class MasterKeyRotation {
  /** Where a simulated crash stops a rotation (tests). */
  enum Stop {
    NEVER,
    AFTER_BLOBS,
    AFTER_STORE
  }

  private MasterKeyRotation() {}

  /** Why a key given in the environment is not rotated here. */
  static final String FROM_ENVIRONMENT =
      "the master key comes from "
          + KeyRing.ENV
          + ": rotate it there (this rotates DATA_DIR/"
          + KeyRing.FILE_NAME
          + ")";

  /**
   * What a rotation did.
   *
   * @param keyId the new master key's id
   * @param secrets the store values re-sealed
   * @param blobs the blob keys re-sealed
   */
  public record Outcome(String keyId, int secrets, int blobs) {}

  /** Rotates the master key of {@code dataDir}. */
  public static Outcome rotate(Path dataDir, Map<String, String> environment, SecureRandom random)
      throws IOException {
    return rotate(dataDir, environment, random, Stop.NEVER);
  }

  static Outcome rotate(
      Path dataDir, Map<String, String> environment, SecureRandom random, Stop stop)
      throws IOException {
    if (!environment.getOrDefault(KeyRing.ENV, "").isBlank()) {
      throw new IllegalStateException(FROM_ENVIRONMENT);
    }
    Path file = dataDir.resolve(KeyRing.FILE_NAME);
    if (!Files.exists(file) || !Files.exists(dataDir.resolve(SqliteStore.FILE_NAME))) {
      throw new IllegalStateException(
          "no master key and embedded store in " + dataDir + " (has the server run there?)");
    }
    List<byte[]> newKey = pendingKey(dataDir, random);
    List<byte[]> both = new ArrayList<>(KeyRing.readKeys(file));
    both.addAll(newKey);
    KeyRing from = KeyRing.of(both, random);
    KeyRing to = KeyRing.of(newKey, random);

    int blobs = BlobKeyRotation.reseal(dataDir.resolve("objects"), from, to);
    if (stop == Stop.AFTER_BLOBS) {
      return new Outcome(to.activeKeyId(), 0, blobs);
    }
    Outcome stored;
    try (SqlStore store = SqliteStore.open(dataDir)) {
      stored = resealStore(store, from, to);
    }
    if (stop == Stop.AFTER_STORE) {
      return new Outcome(to.activeKeyId(), stored.secrets(), blobs + stored.blobs());
    }
    install(dataDir);
    return new Outcome(to.activeKeyId(), stored.secrets(), blobs + stored.blobs());
  }

  /** The new key of the rotation under way ({@code master.key.next}), written first if none. */
  static List<byte[]> pendingKey(Path dataDir, SecureRandom random) throws IOException {
    Path next = dataDir.resolve(KeyRing.NEXT_FILE_NAME);
    if (!Files.exists(next)) {
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      writeDurably(dataDir, next, Base64.getEncoder().encodeToString(raw) + "\n");
    }
    return KeyRing.readKeys(next);
  }

  /**
   * Re-seals every store secret in one write transaction, then the objects kept inline in another.
   */
  static Outcome resealStore(SqlStore store, KeyRing from, KeyRing to) {
    int secrets =
        SqlSecrets.resealAll(
            store,
            s -> {
              String aad =
                  s.kind() == SqlSecrets.Kind.ACCESS_KEY ? AccessKeys.binding(s.id()) : s.id();
              return to.seal(from.open(s.envelope(), aad), aad);
            });
    int blobs =
        SqlSecrets.resealInlineBlobs(
            store, (id, bytes) -> BlobKeyRotation.reseal(id, bytes, from, to));
    return new Outcome(to.activeKeyId(), secrets, blobs);
  }

  /** Replaces {@code master.key} by the pending key, atomically, and deletes the pending file. */
  static void install(Path dataDir) throws IOException {
    Path file = dataDir.resolve(KeyRing.FILE_NAME);
    Path next = dataDir.resolve(KeyRing.NEXT_FILE_NAME);
    Path tmp = dataDir.resolve(KeyRing.FILE_NAME + ".tmp");
    Files.deleteIfExists(tmp);
    writeDurably(dataDir, tmp, Files.readString(next, StandardCharsets.US_ASCII));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.delete(next);
    fsync(dataDir);
  }

  private static void writeDurably(Path dir, Path file, String text) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    fsync(dir);
  }

  private static void fsync(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
