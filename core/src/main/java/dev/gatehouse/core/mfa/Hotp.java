package dev.gatehouse.core.mfa;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HOTP, RFC 4226: HMAC over the 8-byte counter, dynamic truncation, modulo 10^digits. */
public final class Hotp {

  /** Fewest digits RFC 4226 allows. */
  public static final int MIN_DIGITS = 6;

  /** Most digits an int-sized truncated value can give. */
  public static final int MAX_DIGITS = 9;

  private Hotp() {}

  /**
   * The code for {@code counter}, zero-padded to {@code digits}.
   *
   * @throws IllegalArgumentException when digits is outside 6-9 or the key is empty
   */
  public static String generate(byte[] key, long counter, int digits, OtpAlgorithm algorithm) {
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw new IllegalArgumentException("digits must be 6-9");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("empty HOTP key");
    }
    byte[] message = new byte[8];
    for (int i = 7; i >= 0; i--) {
      message[i] = (byte) (counter >>> (8 * (7 - i)));
    }
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName());
      mac.init(new SecretKeySpec(key, algorithm.jcaName()));
      hash = mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.jcaName() + " is not available", e);
    }
    // spec: RFC 4226 section 5.3, dynamic truncation.
    int offset = hash[hash.length - 1] & 0x0F;
    int binary =
        ((hash[offset] & 0x7F) << 24)
            | ((hash[offset + 1] & 0xFF) << 16)
            | ((hash[offset + 2] & 0xFF) << 8)
            | (hash[offset + 3] & 0xFF);
    int modulus = 1;
    for (int i = 0; i < digits; i++) {
      modulus *= 10;
    }
    StringBuilder code = new StringBuilder(Integer.toString(binary % modulus));
    while (code.length() < digits) {
      code.insert(0, '0');
    }
    return code.toString();
  }
}
