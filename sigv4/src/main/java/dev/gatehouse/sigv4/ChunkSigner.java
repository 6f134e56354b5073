package dev.gatehouse.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The signatures of an aws-chunked body: each chunk's signature is chained from the one before it,
 * starting from the seed (the request's own signature), and the trailing headers are signed last,
 * chained from the final (empty) chunk's signature.
 *
 * <pre>
 * chunk:   AWS4-HMAC-SHA256-PAYLOAD \n amzDate \n scope \n previous \n hex(sha256("")) \n hex(sha256(data))
 * trailer: AWS4-HMAC-SHA256-TRAILER \n amzDate \n scope \n previous \n hex(sha256(trailing headers))
 * </pre>
 *
 * <p>spec: S3 API Reference, "Signature Calculations for the Authorization Header: Transferring
 * Payload in Multiple Chunks" and "Signature calculations for trailing headers".
 *
 * <p>Holds the derived signing key of one request; it never appears in {@code toString}. Used by
 * the decoder, and by signers of chunked uploads (tests, a re-signing store client).
 */
public final class ChunkSigner {
  /** The algorithm line of a chunk's string to sign. */
  public static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";

  /** The algorithm line of the trailing headers' string to sign. */
  public static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";

  private final byte[] signingKey;
  private final String amzDate;
  private final CredentialScope scope;

  /**
   * @param signingKey the request's derived signing key ({@link SigningKeyCache#signingKey})
   * @param amzDate the request's {@code X-Amz-Date} (ISO 8601 basic)
   * @param scope the request's credential scope
   */
  public ChunkSigner(byte[] signingKey, String amzDate, CredentialScope scope) {
    this.signingKey = Objects.requireNonNull(signingKey, "signingKey").clone();
    this.amzDate = Objects.requireNonNull(amzDate, "amzDate");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /** The string to sign for a chunk whose data hashes to {@code chunkSha256}. */
  public String chunkStringToSign(String previousSignature, byte[] chunkSha256) {
    return CHUNK_ALGORITHM
        + '\n'
        + amzDate
        + '\n'
        + scope.value()
        + '\n'
        + previousSignature
        + '\n'
        + PayloadMode.EMPTY_SHA256
        + '\n'
        + Hashing.hex(chunkSha256);
  }

  /** The signature of a chunk whose data hashes to {@code chunkSha256}. */
  public String chunkSignature(String previousSignature, byte[] chunkSha256) {
    return SignatureCalculator.signature(
        signingKey, chunkStringToSign(previousSignature, chunkSha256));
  }

  /**
   * The string to sign for the trailing headers; {@code canonicalTrailer} is their canonical form,
   * one {@code name:value\n} line each (see {@link #canonicalTrailer}).
   */
  public String trailerStringToSign(String previousSignature, String canonicalTrailer) {
    return TRAILER_ALGORITHM
        + '\n'
        + amzDate
        + '\n'
        + scope.value()
        + '\n'
        + previousSignature
        + '\n'
        + Hashing.sha256Hex(canonicalTrailer);
  }

  /** The signature of the trailing headers. */
  public String trailerSignature(String previousSignature, String canonicalTrailer) {
    return SignatureCalculator.signature(
        signingKey, trailerStringToSign(previousSignature, canonicalTrailer));
  }

  /** One trailing header in the signed form: lower-case name, {@code :}, trimmed value, newline. */
  public static String canonicalTrailer(String name, String value) {
    return name.trim().toLowerCase(java.util.Locale.ROOT) + ':' + value.trim() + '\n';
  }

  /** Compares two hex signatures without leaking where they first differ. */
  static boolean same(String expected, String received) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), received.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ChunkSigner[" + amzDate + ", " + scope.value() + "]";
  }
}
