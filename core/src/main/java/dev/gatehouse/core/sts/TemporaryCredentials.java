package dev.gatehouse.core.sts;

import dev.gatehouse.core.domain.Ids;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A fresh temporary access key id and secret access key.
 *
 * <p>spec: IAM User Guide, reference_identifiers.md: temporary access key ids start with {@code
 * ASIA}; access key ids are 20 characters from the RFC 4648 base32 alphabet ({@code A-Z2-7}),
 * secrets 40 characters from the base64 alphabet. Both come from a CSPRNG (ASVS 11.5.1): the id
 * carries 80 random bits, the secret 240.
 */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey) {

  /** Prefix of every temporary access key id. */
  public static final String ACCESS_KEY_PREFIX = "ASIA";

  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final int ID_RANDOM_CHARS = Ids.ACCESS_KEY_SUFFIX_LENGTH;
  private static final int SECRET_BYTES = 30; // base64 of 30 bytes is exactly 40 characters

  public TemporaryCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  /** Draws a new key id and secret from {@code random}. */
  public static TemporaryCredentials generate(SecureRandom random) {
    StringBuilder id = new StringBuilder(ACCESS_KEY_PREFIX);
    for (int i = 0; i < ID_RANDOM_CHARS; i++) {
      id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
    }
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return new TemporaryCredentials(id.toString(), Base64.getEncoder().encodeToString(secret));
  }

  /** A new session id: 128 random bits as 32 lowercase hex digits. */
  public static String newSessionId(SecureRandom random) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /** Shows the key id only. */
  @Override
  public String toString() {
    return "TemporaryCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
  }
}
