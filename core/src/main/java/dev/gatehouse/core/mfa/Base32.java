package dev.gatehouse.core.mfa;

import java.io.ByteArrayOutputStream;

/**
 * RFC 4648 section 6 base32 (alphabet {@code A-Z2-7}), the encoding of TOTP seeds in {@code
 * otpauth://} URIs and of AWS's {@code Base32StringSeed}.
 */
public final class Base32 {

  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Base32() {}

  /** Encodes with {@code =} padding to a multiple of eight characters (RFC 4648). */
  public static String encode(byte[] data) {
    String unpadded = encodeUnpadded(data);
    StringBuilder out = new StringBuilder(unpadded);
    while (out.length() % 8 != 0) {
      out.append('=');
    }
    return out.toString();
  }

  /** Encodes without padding, as the Key URI Format asks for the {@code secret} parameter. */
  public static String encodeUnpadded(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1F]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 0x1F]);
    }
    return out.toString();
  }

  /**
   * Decodes base32, upper or lower case, with or without padding.
   *
   * @throws IllegalArgumentException on a character outside the alphabet, padding in the middle, an
   *     impossible length, or non-zero unused trailing bits
   */
  public static byte[] decode(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '=') {
      end--;
    }
    if (end < text.length() && text.length() % 8 != 0) {
      throw new IllegalArgumentException("base32 padding must fill a group of 8 characters");
    }
    int remainder = end % 8;
    if (remainder == 1 || remainder == 3 || remainder == 6) {
      throw new IllegalArgumentException("impossible base32 length");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < end; i++) {
      int v = value(text.charAt(i));
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xFF);
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new IllegalArgumentException("non-zero trailing bits in base32");
    }
    return out.toByteArray();
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= '2' && c <= '7') {
      return c - '2' + 26;
    }
    throw new IllegalArgumentException("not a base32 character: '" + c + "'");
  }
}
