package dev.gatehouse.sigv4;

import java.util.List;
import java.util.Objects;

/**
 * An Amazon S3 request as it arrived, without its body: S3 signs the {@code x-amz-content-sha256}
 * header instead of a hash the server computes first, so the body is checked while it streams (see
 * {@link S3Authentication#body}).
 *
 * @param method the request method, for example {@code PUT}
 * @param rawPath the path exactly as on the wire (still percent-encoded; empty means {@code /})
 * @param rawQuery the query string exactly as on the wire, without the {@code ?}; empty if none
 * @param headers the header fields in arrival order; repeated names allowed
 */
public record S3Request(String method, String rawPath, String rawQuery, List<Header> headers) {
  public S3Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery");
    headers = List.copyOf(headers);
  }

  /** Values of every header with this name (case-insensitive), in arrival order. */
  public List<String> headerValues(String name) {
    return asSignedRequest().headerValues(name);
  }

  /**
   * The same request in the shape the shared parser and canonicaliser read. Its payload hash is a
   * placeholder that S3 verification never reads: the canonical request's last line is the {@code
   * x-amz-content-sha256} value.
   */
  SignedRequest asSignedRequest() {
    return new SignedRequest(method, rawPath, rawQuery, headers, PayloadMode.EMPTY_SHA256);
  }
}
