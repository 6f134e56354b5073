package dev.gatehouse.core.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * S3 canonical user ids: 64 lower-case hex digits, one per account, stable for its life.
 *
 * <p>spec: AWS Account Management, "Find the canonical user ID": an obfuscated form of the account
 * id, 64 hex characters. Gatehouse derives it from the account id (SHA-256 under a fixed label), so
 * every node computes the same id without storing it; it is an identifier, not a secret.
 */
public final class CanonicalIds {
  private static final String LABEL = "gatehouse:s3:canonical-user:";

  private CanonicalIds() {}

  /** The canonical user id of {@code accountId}. */
  public static String of(String accountId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest((LABEL + accountId).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
