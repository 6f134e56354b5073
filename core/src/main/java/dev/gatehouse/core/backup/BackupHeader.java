package dev.gatehouse.core.backup;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The header of a backup file and the keys derived from the passphrase.
 *
 * <p>Layout (big-endian): magic {@code "GHBACKUP"} (8 bytes), format version (1 byte, 1), key
 * derivation (1 byte, 1 = PBKDF2-HMAC-SHA256), iterations (int), salt (16 random bytes), chunk size
 * (int), then a 32-byte check: HMAC-SHA256 under the derived check key over the bytes before it.
 * PBKDF2 derives 64 bytes: the AES-256 key that seals the chunks, then the check key. The check
 * tells a wrong passphrase (or an edited header) from a damaged body before anything is decrypted.
 */
public final class BackupHeader {
  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** Fewer iterations than this are refused when reading (a header edited to be cheap). */
  public static final int MIN_ITERATIONS = 100_000;

  /** More than this would make reading a hostile file take hours. */
  static final int MAX_ITERATIONS = 20_000_000;

  static final int CHUNK = 64 * 1024;
  static final int VERSION = 1;
  private static final byte[] MAGIC = "GHBACKUP".getBytes(StandardCharsets.US_ASCII);
  private static final int KDF_PBKDF2_SHA256 = 1;
  private static final int SALT_BYTES = 16;
  private static final int CHECK_BYTES = 32;
  static final int LENGTH = MAGIC.length + 1 + 1 + 4 + SALT_BYTES + 4 + CHECK_BYTES;

  private final byte[] bytes;
  private final SecretKeySpec sealingKey;
  private final int chunkSize;

  private BackupHeader(byte[] bytes, SecretKeySpec sealingKey, int chunkSize) {
    this.bytes = bytes;
    this.sealingKey = sealingKey;
    this.chunkSize = chunkSize;
  }

  /** A new header with a random salt, and its keys. */
  static BackupHeader create(char[] passphrase, int iterations, SecureRandom random) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new BackupException(
          "PBKDF2 iterations must be " + MIN_ITERATIONS + "-" + MAX_ITERATIONS);
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(MAGIC).put((byte) VERSION).put((byte) KDF_PBKDF2_SHA256);
    b.putInt(iterations).put(salt).putInt(CHUNK);
    byte[] derived = derive(passphrase, salt, iterations);
    byte[] check = check(derived, b.array(), LENGTH - CHECK_BYTES);
    b.put(check);
    return new BackupHeader(b.array(), new SecretKeySpec(derived, 0, 32, "AES"), CHUNK);
  }

  /**
   * Reads and checks a header.
   *
   * @throws BackupException when it is not a backup, of another version, or the passphrase is wrong
   */
  static BackupHeader read(InputStream in, char[] passphrase) throws IOException {
    byte[] bytes = new byte[LENGTH];
    try {
      new DataInputStream(in).readFully(bytes);
    } catch (EOFException e) {
      throw new BackupException("not a Gatehouse backup: the file is shorter than its header", e);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new BackupException("not a Gatehouse backup (no GHBACKUP header)");
    }
    int version = b.get() & 0xFF;
    if (version != VERSION) {
      throw new BackupException(
          "backup format version "
              + version
              + " is not supported (this version reads "
              + VERSION
              + ")");
    }
    int kdf = b.get() & 0xFF;
    if (kdf != KDF_PBKDF2_SHA256) {
      throw new BackupException("unknown key derivation " + kdf + " in the backup header");
    }
    int iterations = b.getInt();
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new BackupException("damaged backup header: " + iterations + " PBKDF2 iterations");
    }
    byte[] salt = new byte[SALT_BYTES];
    b.get(salt);
    int chunkSize = b.getInt();
    if (chunkSize != CHUNK) {
      throw new BackupException("damaged backup header: chunk size " + chunkSize);
    }
    byte[] derived = derive(passphrase, salt, iterations);
    byte[] expected = check(derived, bytes, LENGTH - CHECK_BYTES);
    byte[] stored = Arrays.copyOfRange(bytes, LENGTH - CHECK_BYTES, LENGTH);
    if (!MessageDigest.isEqual(expected, stored)) {
      throw new BackupException("wrong passphrase (or the backup header was altered)");
    }
    return new BackupHeader(bytes, new SecretKeySpec(derived, 0, 32, "AES"), chunkSize);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  SecretKeySpec sealingKey() {
    return sealingKey;
  }

  int chunkSize() {
    return chunkSize;
  }

  private static byte[] derive(char[] passphrase, byte[] salt, int iterations) {
    if (passphrase.length == 0) {
      throw new BackupException("the backup passphrase is empty");
    }
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 512);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new BackupException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static byte[] check(byte[] derived, byte[] header, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(derived, 32, 32, "HmacSHA256"));
      mac.update(header, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new BackupException("HmacSHA256 is not available", e);
    }
  }
}
