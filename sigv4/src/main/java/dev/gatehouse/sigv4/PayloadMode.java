package dev.gatehouse.sigv4;

import java.util.Locale;

/**
 * What an S3 request's {@code x-amz-content-sha256} header declares about the body, and so how the
 * body must be read and checked.
 *
 * <p>spec: S3 API Reference, "Authenticating Requests: Using the Authorization Header" (the table
 * of {@code x-amz-content-sha256} values) and "Signature calculations for trailing headers".
 */
public sealed interface PayloadMode {
  /** SHA-256 of zero bytes, lower-case hex. */
  String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
  String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

  /** The header value exactly as it is signed (the last line of the canonical request). */
  String headerValue();

  /** The body is sent as is and must hash to {@code sha256Hex} (lower-case hex). */
  record FixedHash(String sha256Hex) implements PayloadMode {
    public FixedHash {
      if (!Hashing.isLowerHexSha256(sha256Hex)) {
        throw new IllegalArgumentException("sha256Hex must be 64 lower-case hex digits");
      }
    }

    @Override
    public String headerValue() {
      return sha256Hex;
    }
  }

  /** {@code UNSIGNED-PAYLOAD}: the body is sent as is and not covered by the signature. */
  record Unsigned() implements PayloadMode {
    @Override
    public String headerValue() {
      return UNSIGNED_PAYLOAD;
    }
  }

  /**
   * An aws-chunked body ({@code Content-Encoding: aws-chunked}).
   *
   * @param signedChunks whether every chunk carries a chained {@code chunk-signature}
   * @param trailer whether trailing headers (named by {@code x-amz-trailer}) follow the last chunk
   */
  record Chunked(boolean signedChunks, boolean trailer) implements PayloadMode {
    public Chunked {
      if (!signedChunks && !trailer) {
        // There is no STREAMING-UNSIGNED-PAYLOAD: an unsigned body without trailer is sent as is.
        throw new IllegalArgumentException("unsigned aws-chunked bodies always carry a trailer");
      }
    }

    @Override
    public String headerValue() {
      if (!signedChunks) {
        return STREAMING_UNSIGNED_TRAILER;
      }
      return trailer ? STREAMING_SIGNED_TRAILER : STREAMING_SIGNED;
    }
  }

  /**
   * Reads an {@code x-amz-content-sha256} value. Case matters for the sentinels, as S3 signs them;
   * a hash may be given in either case and is signed as given.
   *
   * @throws SigV4Exception {@code InvalidArgument} with S3's text for any other value, {@code
   *     NotImplemented} for the SigV4A (ECDSA) streaming variants
   */
  static PayloadMode parse(String value) {
    switch (value) {
      case UNSIGNED_PAYLOAD -> {
        return new Unsigned();
      }
      case STREAMING_SIGNED -> {
        return new Chunked(true, false);
      }
      case STREAMING_SIGNED_TRAILER -> {
        return new Chunked(true, true);
      }
      case STREAMING_UNSIGNED_TRAILER -> {
        return new Chunked(false, true);
      }
      case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
          "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER" ->
          throw new SigV4Exception(
              SigV4Error.NOT_IMPLEMENTED,
              "A header you provided implies functionality that is not implemented: " + value);
      default -> {
        // a hash, checked below
      }
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (Hashing.isLowerHexSha256(lower)) {
      return new FixedHash(lower);
    }
    // spec: S3's text (quoted in versity/versitygw#1352)
    throw new SigV4Exception(
        SigV4Error.INVALID_ARGUMENT,
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
            + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER,"
            + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD,"
            + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
        SigV4Exception.ordered("ArgumentName", "x-amz-content-sha256", "ArgumentValue", value));
  }
}
