package dev.gatehouse.sigv4;

/** How the canonical URI is derived from the path on the wire. */
public enum PathStyle {
  /**
   * Every service except S3, IAM and STS included: remove dot segments and collapse repeated
   * slashes, then percent-encode the path as received, so that an already encoded path is encoded a
   * second time ({@code /a%20b} becomes {@code /a%2520b}).
   *
   * <p>spec: AWS "Create a signed AWS API request", CanonicalURI ("Each path segment must be
   * URI-encoded twice ... except for Amazon S3"); aws-c-auth {@code should_normalize_uri_path}.
   */
  NORMALIZED,
  /**
   * No normalisation: {@code //}, {@code .} and {@code ..} are kept, then the path is
   * percent-encoded as received. This is what the aws-c-auth suite's {@code normalize: false} cases
   * sign; the verifier never uses it for IAM and STS.
   */
  AS_RECEIVED,
  /**
   * Amazon S3: no normalisation ({@code //}, {@code .} and {@code ..} are part of an object key),
   * and each path segment is URI-encoded exactly once: the segment as received is percent-decoded,
   * then encoded with SigV4's rules. So {@code /test$file.text} and {@code /test%24file.text} both
   * give {@code /test%24file.text}, and an encoded slash ({@code %2F}) inside a segment stays
   * encoded instead of becoming a separator.
   *
   * <p>spec: S3 API Reference, "Signature Calculations for the Authorization Header" (CanonicalURI:
   * "the URI-encoded version of the absolute path component of the URI"; "Do not normalize URI
   * paths for requests to Amazon S3"; the PUT Object example {@code test$file.text}).
   */
  S3
}
