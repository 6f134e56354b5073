package dev.gatehouse.sigv4;

import java.nio.charset.StandardCharsets;

/**
 * The later SigV4 stages: string to sign, signing key and signature.
 *
 * <p>spec: AWS IAM User Guide "Create a signed AWS API request", steps 2 to 4.
 */
public final class SignatureCalculator {
  /** The only algorithm this module implements. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private SignatureCalculator() {}

  /**
   * {@code AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex sha256(canonicalRequest)>}, without a
   * trailing newline.
   */
  public static String stringToSign(
      String amzDate, CredentialScope scope, String canonicalRequest) {
    return ALGORITHM
        + '\n'
        + amzDate
        + '\n'
        + scope.value()
        + '\n'
        + Hashing.sha256Hex(canonicalRequest);
  }

  /**
   * kDate = HMAC("AWS4" + secret, date), kRegion, kService, then kSigning = HMAC(kService,
   * "aws4_request"). Callers on the hot path use {@link SigningKeyCache}.
   */
  public static byte[] signingKey(
      SecretAccessKey secret, String date, String region, String service) {
    byte[] key = ("AWS4" + secret.value()).getBytes(StandardCharsets.UTF_8);
    byte[] kDate = Hashing.hmac(key, date);
    byte[] kRegion = Hashing.hmac(kDate, region);
    byte[] kService = Hashing.hmac(kRegion, service);
    return Hashing.hmac(kService, CredentialScope.TERMINATOR);
  }

  /** Lower-case hex HMAC-SHA256 of the string to sign under the signing key. */
  public static String signature(byte[] signingKey, String stringToSign) {
    return Hashing.hex(Hashing.hmac(signingKey, stringToSign));
  }

  /** Lower-case hex SHA-256 of the bytes, the payload line of the canonical request. */
  public static String payloadHash(byte[] body) {
    return Hashing.sha256Hex(body);
  }
}
