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

  private Hashing() {}

  static String sha256Hex(byte[] data) {
    return HEX.formatHex(sha256(data));
  }

  static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide SHA-256.
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
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
