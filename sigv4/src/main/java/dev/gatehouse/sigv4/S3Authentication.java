package dev.gatehouse.sigv4;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A verified S3 request: who signed it, what its {@code x-amz-content-sha256} declared, and how its
 * body is to be read. The signature of everything but the body has been checked; {@link #body}
 * checks the body while it streams. Holds the request's signing key (for chunk signatures), never
 * shown by {@code toString}.
 */
public final class S3Authentication {
  /**
   * The {@code x-amz-checksum-*} value to check at the end of the body.
   *
   * @param algorithm which checksum
   * @param inTrailer whether the value arrives as an aws-chunked trailer (else {@code value} holds
   *     the header's value)
   * @param value the header's base64 value; empty when it comes in the trailer
   */
  public record ExpectedChecksum(ChecksumAlgorithm algorithm, boolean inTrailer, String value) {
    public ExpectedChecksum {
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(value, "value");
    }
  }

  private final ParsedAuthorization authorization;
  private final PayloadMode payload;
  private final ChunkSigner chunkSigner;
  private final long decodedContentLength;
  private final List<String> trailerNames;
  private final Optional<ExpectedChecksum> checksum;

  S3Authentication(
      ParsedAuthorization authorization,
      PayloadMode payload,
      ChunkSigner chunkSigner,
      long decodedContentLength,
      List<String> trailerNames,
      Optional<ExpectedChecksum> checksum) {
    this.authorization = authorization;
    this.payload = payload;
    this.chunkSigner = chunkSigner;
    this.decodedContentLength = decodedContentLength;
    this.trailerNames = List.copyOf(trailerNames);
    this.checksum = checksum;
  }

  /** Who signed, with which scope, header or presigned. */
  public ParsedAuthorization authorization() {
    return authorization;
  }

  /** What {@code x-amz-content-sha256} declared. */
  public PayloadMode payload() {
    return payload;
  }

  /**
   * For an aws-chunked body, {@code x-amz-decoded-content-length}: the size of the object once
   * decoded (what a store should expect); empty otherwise (the HTTP {@code Content-Length} is the
   * object's size).
   */
  public OptionalLong decodedContentLength() {
    return decodedContentLength < 0 ? OptionalLong.empty() : OptionalLong.of(decodedContentLength);
  }

  /** The trailer names {@code x-amz-trailer} announced (lower case); empty without trailer. */
  public List<String> trailerNames() {
    return trailerNames;
  }

  /** The additional checksum the body is checked against, if the request sent one. */
  public Optional<ExpectedChecksum> checksum() {
    return checksum;
  }

  /** {@link #body(InputStream, AwsChunkedLimits)} with {@link AwsChunkedLimits#DEFAULT}. */
  public InputStream body(InputStream wire) {
    return body(wire, AwsChunkedLimits.DEFAULT);
  }

  /**
   * The object's bytes, checked as they stream: put this between the HTTP body and the store. Every
   * check that fails throws {@link SigV4Exception} with S3's code from {@code read}, at the latest
   * instead of reporting the end of the stream; so the store must commit only after reading to the
   * end, and must discard what it wrote when {@code read} throws.
   *
   * <ul>
   *   <li>a fixed hash: SHA-256 compared at the end ({@code XAmzContentSHA256Mismatch});
   *   <li>{@code UNSIGNED-PAYLOAD}: passed through;
   *   <li>aws-chunked: decoded by {@link AwsChunkedInputStream} (chunk signatures before release,
   *       framing, decoded length, trailers and their signature);
   *   <li>and in every case an {@code x-amz-checksum-*} header or trailer compared at the end
   *       ({@code BadDigest}).
   * </ul>
   *
   * @param wire the request body as received (after any HTTP {@code Transfer-Encoding: chunked} has
   *     been removed by the HTTP layer)
   */
  public InputStream body(InputStream wire, AwsChunkedLimits limits) {
    Objects.requireNonNull(wire, "wire");
    Objects.requireNonNull(limits, "limits");
    InputStream decoded;
    Optional<AwsChunkedInputStream> chunked = Optional.empty();
    if (payload instanceof PayloadMode.FixedHash fixed) {
      decoded = new ContentSha256InputStream(wire, fixed.sha256Hex());
    } else if (payload instanceof PayloadMode.Chunked mode) {
      AwsChunkedInputStream stream =
          mode.signedChunks()
              ? AwsChunkedInputStream.signed(
                  wire,
                  chunkSigner,
                  authorization.signature(),
                  decodedContentLength,
                  mode.trailer(),
                  trailerNames,
                  limits)
              : AwsChunkedInputStream.unsigned(wire, decodedContentLength, trailerNames, limits);
      chunked = Optional.of(stream);
      decoded = stream;
    } else {
      decoded = wire;
    }
    if (checksum.isEmpty()) {
      return decoded;
    }
    ExpectedChecksum expected = checksum.get();
    if (!expected.inTrailer()) {
      return new ChecksumInputStream(decoded, expected.algorithm(), expected::value);
    }
    // INVARIANT: a trailer checksum implies an aws-chunked body whose decoder has parsed and
    // checked
    // every trailer (names, signature) before it reports the end of the stream.
    AwsChunkedInputStream source = chunked.orElseThrow();
    String name = expected.algorithm().headerName();
    return new ChecksumInputStream(
        decoded, expected.algorithm(), () -> source.trailers().getOrDefault(name, ""));
  }

  @Override
  public String toString() {
    return "S3Authentication[" + authorization + ", payload=" + payload.headerValue() + "]";
  }
}
