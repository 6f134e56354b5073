package dev.gatehouse.core.sts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the session key ring from {@code GATEHOUSE_SESSION_KEYS} or from the file {@code
 * session-keys} in the data directory, creating the file (mode 0600) with one new key on first
 * start.
 *
 * <p>Text format, one key per entry, the first entry is the current (sealing) key:
 *
 * <pre>
 *   # comment
 *   keyid:BASE64-OF-32-BYTES
 * </pre>
 *
 * In the environment variable, entries are separated by commas or whitespace. The key material is
 * never logged; errors name the entry number, not its content.
 */
public final class SessionKeyStore {

  /** File name inside the data directory. */
  public static final String FILE_NAME = "session-keys";

  /** Environment variable that, when set, replaces the file. */
  public static final String ENV = "GATEHOUSE_SESSION_KEYS";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private SessionKeyStore() {}

  /**
   * The ring from {@code env} if it holds {@link #ENV}, else from {@code dataDir/session-keys},
   * created with a new random key when missing.
   *
   * @throws IllegalStateException when the keys do not parse or the file is readable by group or
   *     others
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static SessionKeyRing loadOrCreate(
      Path dataDir, Map<String, String> env, SecureRandom random) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return parse(fromEnv.replace(',', '\n').replaceAll("[ \\t]+", "\n"), ENV);
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        requireOwnerOnly(file);
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      }
      SessionKeyRing ring = SessionKeyRing.generate(random);
      Files.createDirectories(dataDir);
      try {
        Files.createFile(file, ownerOnlyAttributes(file));
      } catch (FileAlreadyExistsException e) {
        // Another process created it first: use its keys, never overwrite them.
        requireOwnerOnly(file);
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      }
      Files.writeString(file, format(ring), StandardCharsets.UTF_8);
      return ring;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /**
   * Replaces {@code file} with {@code ring} atomically (write a 0600 temporary file, then move),
   * for example after {@link SessionKeyRing#rotate} or {@link SessionKeyRing#retire}.
   */
  public static void write(Path file, SessionKeyRing ring) {
    writeText(file, format(ring));
  }

  /** Replaces {@code file} with {@code text} atomically, owner-only. */
  static void writeText(Path file, String text) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp", ownerOnlyAttributes(dir));
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The text form of {@code ring}, current key first. */
  public static String format(SessionKeyRing ring) {
    StringBuilder out =
        new StringBuilder("# Gatehouse session token keys: first line seals, all unseal.\n");
    for (SessionKey k : ring.all()) {
      out.append(k.id())
          .append(':')
          .append(Base64.getEncoder().encodeToString(k.keyBytes()))
          .append('\n');
    }
    return out.toString();
  }

  /**
   * Parses the text form.
   *
   * @param source where the text came from, for error messages
   * @throws IllegalStateException on a malformed entry or when there is no key
   */
  public static SessionKeyRing parse(String text, String source) {
    List<SessionKey> keys = new ArrayList<>();
    int entry = 0;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      entry++;
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException(source + ": entry " + entry + " is not id:base64-key");
      }
      try {
        // After the key, a rotation may note " retired=INSTANT" (SessionKeyRotation).
        String encoded = trimmed.substring(colon + 1).split("\\s+", 2)[0];
        byte[] key = Base64.getDecoder().decode(encoded);
        keys.add(new SessionKey(trimmed.substring(0, colon), key));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            source + ": entry " + entry + " is not a valid session key (" + e.getMessage() + ")",
            e);
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalStateException(source + ": no session key");
    }
    try {
      return new SessionKeyRing(keys.get(0), keys.subList(1, keys.size()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + ": " + e.getMessage(), e);
    }
  }

  private static void requireOwnerOnly(Path file) throws IOException {
    if (!isPosix(file)) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(perms)) {
      throw new IllegalStateException(
          file
              + " must be readable by its owner only (chmod 600), it is "
              + PosixFilePermissions.toString(perms));
    }
  }

  private static FileAttribute<?>[] ownerOnlyAttributes(Path near) {
    if (!isPosix(near)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
