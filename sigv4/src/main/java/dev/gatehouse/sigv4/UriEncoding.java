package dev.gatehouse.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding: every byte except {@code A-Z a-z 0-9 - _ . ~} becomes {@code %XY} with
 * upper-case hex; UTF-8 bytes are encoded one by one; a space is {@code %20}, never {@code +}.
 *
 * <p>spec: AWS "Create a signed AWS API request" (UriEncode); S3 "Signature Calculations for the
 * Authorization Header" (UriEncode rules).
 */
final class UriEncoding {
  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private UriEncoding() {}

  static boolean isUnreserved(int b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '_'
        || b == '.'
        || b == '~';
  }

  /** Encodes the UTF-8 bytes of {@code text}; {@code /} kept as is when {@code keepSlash}. */
  static String encode(String text, boolean keepSlash) {
    return encode(text.getBytes(StandardCharsets.UTF_8), keepSlash);
  }

  static String encode(byte[] bytes, boolean keepSlash) {
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte value : bytes) {
      int b = value & 0xFF;
      if (isUnreserved(b) || (keepSlash && b == '/')) {
        out.append((char) b);
      } else {
        out.append('%').append(UPPER_HEX[b >> 4]).append(UPPER_HEX[b & 0x0F]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes {@code %XY} escapes into bytes. A {@code +} stays a {@code +} (SigV4 decodes only
   * percent escapes), and a {@code %} not followed by two hex digits stays literal.
   */
  static byte[] percentDecode(String text) {
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    for (int i = 0; i < raw.length; i++) {
      int b = raw[i];
      if (b == '%'
          && i + 2 < raw.length
          && hexValue(raw[i + 1]) >= 0
          && hexValue(raw[i + 2]) >= 0) {
        out.write(hexValue(raw[i + 1]) << 4 | hexValue(raw[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** Decodes percent escapes and reads the bytes as UTF-8 (for values the parser interprets). */
  static String decodeToString(String text) {
    return new String(percentDecode(text), StandardCharsets.UTF_8);
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }
}
