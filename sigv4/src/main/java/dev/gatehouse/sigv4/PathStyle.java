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
  AS_RECEIVED
}
