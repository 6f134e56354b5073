package dev.gatehouse.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Master keys kept outside the database, and sealing with them.
 *
 * <p>Sealing is AES-256-GCM with a fresh random 96-bit nonce per value (spec: NIST SP 800-38D
 * §8.2.2, random IVs of 96 bits). The envelope names the key id, so keys can rotate: new values are
 * sealed with the newest key, old values still open. The associated data binds a ciphertext to its
 * row (e.g. the access key id): a sealed secret copied to another row does not open.
 *
 * <p>Envelope: {@code gh1.<keyId>.<base64(nonce || ciphertext || tag)>}.
 *
 * <p>A running server's ring can switch keys (an online master-key rotation): {@link #sealWith}
 * makes a new key seal while the old ones still open, and waits for the {@link #writing() write
 * scopes} opened before the switch; {@link #retainOnly} then forgets the old keys.
 */
public final class KeyRing {
  /** The key file's name inside the data dir. */
  public static final String FILE_NAME = "master.key";

  /**
   * The next master key while a rotation runs: its keys open values too, so a store left half
   * re-sealed by a crash still opens (the rotation, run again, finishes).
   */
  public static final String NEXT_FILE_NAME = "master.key.next";

  /** Environment variable holding one base64 AES-256 key; overrides the file. */
  public static final String ENV = "GATEHOUSE_MASTER_KEY";

  private static final String VERSION = "gh1";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** The keys by id and the one that seals, swapped whole so a seal never sees half a switch. */
  private record Keys(Map<String, SecretKey> byId, String activeKeyId) {}

  private volatile Keys keys;
  private final SecureRandom random;
  private final WriteScopes scopes = new WriteScopes();

  private KeyRing(Map<String, SecretKey> keys, String activeKeyId, SecureRandom random) {
    this.keys = new Keys(Map.copyOf(keys), activeKeyId);
    this.random = random;
  }

  /** A ring of the given raw keys; the last one seals. */
  public static KeyRing of(List<byte[]> rawKeys, SecureRandom random) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String last = put(keys, rawKeys);
    return new KeyRing(keys, last, random);
  }

  /** Adds {@code rawKeys} to {@code keys}, returning the last one's id. */
  private static String put(Map<String, SecretKey> keys, List<byte[]> rawKeys) {
    if (rawKeys.isEmpty()) {
      throw new CryptoException("a key ring needs at least one key");
    }
    String last = "";
    for (byte[] raw : rawKeys) {
      if (raw.length != KEY_BYTES) {
        throw new CryptoException("master keys are 32 bytes (AES-256)");
      }
      last = keyId(raw);
      keys.put(last, new SecretKeySpec(raw.clone(), "AES"));
    }
    return last;
  }

  /**
   * A scope around a write that seals a value and stores it (the server opens one per request):
   * {@link #sealWith} waits for the scopes opened before its switch, so a value sealed under the
   * old key is stored before the rotation re-seals what is stored.
   */
  public WriteScope writing() {
    return scopes.open();
  }

  /**
   * Makes the last of {@code rawKeys} seal from now on, every key known so far still opening, then
   * waits until every write scope opened before the switch (but the caller's own) has closed.
   *
   * @throws CryptoException when they have not closed within {@code drain}: the new key seals
   *     nonetheless (the switch stays), the old ones still open
   */
  public void sealWith(List<byte[]> rawKeys, Duration drain) {
    scopes.switchAndDrain(
        () -> {
          Map<String, SecretKey> next = new LinkedHashMap<>(keys.byId());
          String active = put(next, rawKeys);
          keys = new Keys(Map.copyOf(next), active);
        },
        drain);
  }

  /**
   * Forgets every key but {@code rawKeys} (after a rotation re-sealed every value under them); the
   * one that seals must be among them.
   */
  public void retainOnly(List<byte[]> rawKeys) {
    Map<String, SecretKey> kept = new LinkedHashMap<>();
    put(kept, rawKeys);
    scopes.switchOnly(
        () -> {
          Keys now = keys;
          if (!kept.containsKey(now.activeKeyId())) {
            throw new CryptoException("the key that seals cannot be forgotten");
          }
          keys = new Keys(Map.copyOf(kept), now.activeKeyId());
        });
  }

  /** Whether the ring holds the key {@code keyId} names now (what it sealed still opens). */
  public boolean holds(String keyId) {
    return keys.byId().containsKey(keyId);
  }

  /** The ids of the keys that open values, the one that seals last. */
  public List<String> keyIds() {
    Keys now = keys;
    List<String> ids = new ArrayList<>(now.byId().keySet());
    ids.remove(now.activeKeyId());
    ids.add(now.activeKeyId());
    return List.copyOf(ids);
  }

  /** A ring of the keys this one holds now, which later switches do not change. */
  public KeyRing copy() {
    Keys now = keys;
    return new KeyRing(now.byId(), now.activeKeyId(), random);
  }

  /**
   * The ring from {@code GATEHOUSE_MASTER_KEY} when set in {@code environment}, else from {@code
   * dataDir/master.key}, which is created with mode 0600 holding a fresh key when absent.
   */
  public static KeyRing load(Path dataDir, Map<String, String> environment, SecureRandom random) {
    String fromEnv = environment.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return of(List.of(decode(fromEnv.trim(), ENV)), random);
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        writeOwnerOnly(file, Base64.getEncoder().encodeToString(raw) + "\n");
      }
      List<byte[]> raws = new ArrayList<>();
      Path next = dataDir.resolve(NEXT_FILE_NAME);
      if (Files.exists(next)) {
        raws.addAll(readKeys(next)); // first: the key file's last key still seals
      }
      raws.addAll(readKeys(file));
      return of(raws, random);
    } catch (IOException e) {
      throw new CryptoException("cannot read or create the master key file " + file, e);
    }
  }

  /** The keys of a key file (mode 0600), one base64 key per line. */
  public static List<byte[]> readKeys(Path file) throws IOException {
    requireOwnerOnly(file);
    List<byte[]> raws = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        raws.add(decode(line.trim(), file.toString()));
      }
    }
    return raws;
  }

  /** Appends a fresh key to {@code dataDir/master.key}; it seals from the next load on. */
  public static void rotate(Path dataDir, SecureRandom random) {
    Path file = dataDir.resolve(FILE_NAME);
    byte[] raw = new byte[KEY_BYTES];
    random.nextBytes(raw);
    try {
      requireOwnerOnly(file);
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(raw) + "\n",
          StandardCharsets.US_ASCII,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CryptoException("cannot rotate the master key in " + file, e);
    }
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    try {
      if (Files.getFileStore(file.getParent())
          .supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      return; // another process created it first; use theirs
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }

  /** Refuses a key file that others may read (fail closed, as ssh does for private keys). */
  private static void requireOwnerOnly(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        throw new CryptoException(
            "the master key file "
                + file
                + " must be readable by its owner only (chmod 600), but is "
                + PosixFilePermissions.toString(perms));
      }
    }
  }

  private static byte[] decode(String base64, String where) {
    try {
      byte[] raw = Base64.getDecoder().decode(base64);
      if (raw.length != KEY_BYTES) {
        throw new CryptoException(where + " must hold a base64 32-byte key");
      }
      return raw;
    } catch (IllegalArgumentException e) {
      throw new CryptoException(where + " is not valid base64", e);
    }
  }

  /** A short public name of a key: the first 8 bytes of SHA-256 over a label and the key. */
  private static String keyId(byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("gatehouse-key-id".getBytes(StandardCharsets.US_ASCII));
      byte[] digest = sha.digest(raw);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("SHA-256 unavailable", e);
    }
  }

  /** The id of the key that seals new values. */
  public String activeKeyId() {
    return keys.activeKeyId();
  }

  /** Seals {@code plaintext}, bound to {@code associatedData}. */
  public String seal(byte[] plaintext, String associatedData) {
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Keys now = keys;
    String activeKeyId = now.activeKeyId();
    try {
      Cipher cipher = GcmCiphers.get();
      cipher.init(
          Cipher.ENCRYPT_MODE, now.byId().get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(activeKeyId, associatedData));
      byte[] ct = cipher.doFinal(plaintext);
      byte[] out = new byte[NONCE_BYTES + ct.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(ct, 0, out, NONCE_BYTES, ct.length);
      return VERSION + "." + activeKeyId + "." + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("sealing failed", e);
    }
  }

  /** Opens an envelope made by {@link #seal} with the same associated data. */
  public byte[] open(String envelope, String associatedData) {
    String[] parts = envelope.split("\\.", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      throw new CryptoException("not a sealed value");
    }
    SecretKey key = keys.byId().get(parts[1]);
    if (key == null) {
      throw new CryptoException("sealed with unknown key " + parts[1]);
    }
    byte[] body;
    try {
      body = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new CryptoException("sealed value is not base64", e);
    }
    if (body.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new CryptoException("sealed value is truncated");
    }
    try {
      Cipher cipher = GcmCiphers.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, body, 0, NONCE_BYTES));
      cipher.updateAAD(aad(parts[1], associatedData));
      return cipher.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("sealed value does not open: tampered or bound to another row", e);
    }
  }

  private static byte[] aad(String keyId, String associatedData) {
    return ("gatehouse/" + VERSION + "/" + keyId + "/" + associatedData)
        .getBytes(StandardCharsets.UTF_8);
  }
}
