package dev.gatehouse.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, HMAC-SHA256 and lower-case hex, the three primitives SigV4 is built from. */
final class Hashing {
  private static final HexFormat HEX = HexFormat.of();
  private static final String HMAC = "HmacSHA256";

  /**
   * One digest and one MAC per thread: looking them up in the providers costs more than using them,
   * and every request needs two hashes and at least one MAC.
   */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> instance(() -> MessageDigest.getInstance("SHA-256")));

  private static final ThreadLocal<KeyedMac> HMAC_SHA256 =
      ThreadLocal.withInitial(() -> new KeyedMac(instance(() -> Mac.getInstance(HMAC))));

  /**
   * A thread's MAC and the array it was last initialized with. A request's signature is one HMAC
   * under the cached signing key of its client; initializing the MAC again with the same key (its
   * inner and outer pads) is a third of that HMAC's work, and doFinal leaves the MAC ready for the
   * same key. Arrays are compared by identity: a signing key array is never changed after it is
   * derived ({@link SigningKeyCache} hands callers copies), and a new key is always a new array.
   */
  private static final class KeyedMac {
    final Mac mac;
    byte[] key;

    KeyedMac(Mac mac) {
      this.mac = mac;
    }
  }

  private interface Lookup<T> {
    T get() throws GeneralSecurityException;
  }

  private static <T> T instance(Lookup<T> lookup) {
    try {
      return lookup.get();
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide SHA-256 and HmacSHA256.
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private Hashing() {}

  static String sha256Hex(byte[] data) {
    return HEX.formatHex(sha256(data));
  }

  static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] data) {
    // digest() resets the instance, so the next use starts clean.
    return SHA256.get().digest(data);
  }

  static byte[] sha256(byte[] data, int offset, int length) {
    MessageDigest digest = SHA256.get();
    digest.update(data, offset, length);
    return digest.digest();
  }

  /** A new SHA-256 digest of its own, for a stream that feeds it over many calls. */
  static MessageDigest newSha256() {
    return instance(() -> MessageDigest.getInstance("SHA-256"));
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      KeyedMac keyed = HMAC_SHA256.get();
      if (keyed.key != key) {
        // init replaces the key and resets; doFinal resets again, to this key.
        keyed.key = null;
        keyed.mac.init(new SecretKeySpec(key, HMAC));
        keyed.key = key;
      }
      return keyed.mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide HmacSHA256, and any key length is valid for it.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static boolean isLowerHexSha256(String value) {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
