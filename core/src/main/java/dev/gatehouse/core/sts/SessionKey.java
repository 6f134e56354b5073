package dev.gatehouse.core.sts;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key for sealing session tokens, named by an id that travels in the clear in each
 * token's header so that the right key can be found after rotation.
 */
public final class SessionKey {

  /** Key length: AES-256. */
  public static final int KEY_BYTES = 32;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final String id;
  private final byte[] key;

  /**
   * A key from its id and raw bytes (copied).
   *
   * @throws IllegalArgumentException when the id is not 1-32 of {@code [A-Za-z0-9_-]} or the key is
   *     not 32 bytes
   */
  public SessionKey(String id, byte[] key) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("session key id must be 1-32 of [A-Za-z0-9_-]");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("session key must be " + KEY_BYTES + " bytes");
    }
    this.id = id;
    this.key = key.clone();
  }

  /** A new random key with a random 16-hex-digit id. */
  public static SessionKey generate(SecureRandom random) {
    byte[] idBytes = new byte[8];
    random.nextBytes(idBytes);
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return new SessionKey(HexFormat.of().formatHex(idBytes), key);
  }

  /** The key id written into token headers. */
  public String id() {
    return id;
  }

  /** A copy of the raw key bytes (for persisting the ring). */
  public byte[] keyBytes() {
    return key.clone();
  }

  SecretKey secretKey() {
    return new SecretKeySpec(key, "AES");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKey other
        && id.equals(other.id)
        && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** Shows the id only. */
  @Override
  public String toString() {
    return "SessionKey[id=" + id + "]";
  }
}
