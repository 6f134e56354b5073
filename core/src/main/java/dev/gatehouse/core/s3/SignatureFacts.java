package dev.gatehouse.core.s3;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a request was authenticated, for S3's authentication condition keys.
 *
 * <p>spec: Service Authorization Reference for Amazon S3, condition keys: {@code s3:authType}
 * ({@code REST-HEADER}, {@code REST-QUERY-STRING}, {@code POST}), {@code s3:signatureversion}
 * ({@code AWS} for SigV2, {@code AWS4-HMAC-SHA256} for SigV4), {@code s3:signatureAge}
 * (milliseconds since the signature's date), {@code s3:TlsVersion} (e.g. {@code 1.2}).
 *
 * @param authType empty for an anonymous request (the key is then absent)
 * @param signatureVersion empty for an anonymous request
 * @param signatureAgeMillis absent for an anonymous request
 * @param tlsVersion the TLS version as a number ({@code 1.3}); absent over plain HTTP
 */
public record SignatureFacts(
    String authType,
    String signatureVersion,
    OptionalLong signatureAgeMillis,
    Optional<String> tlsVersion) {
  public SignatureFacts {
    Objects.requireNonNull(authType, "authType");
    Objects.requireNonNull(signatureVersion, "signatureVersion");
    Objects.requireNonNull(signatureAgeMillis, "signatureAgeMillis");
    Objects.requireNonNull(tlsVersion, "tlsVersion");
  }

  /** An unsigned request. */
  public static SignatureFacts anonymous(Optional<String> tlsVersion) {
    return new SignatureFacts("", "", OptionalLong.empty(), tlsVersion);
  }

  /** A SigV4 request signed in the Authorization header. */
  public static SignatureFacts header(long signatureAgeMillis, Optional<String> tlsVersion) {
    return new SignatureFacts(
        "REST-HEADER", "AWS4-HMAC-SHA256", OptionalLong.of(signatureAgeMillis), tlsVersion);
  }

  /** A SigV4 presigned URL. */
  public static SignatureFacts queryString(long signatureAgeMillis, Optional<String> tlsVersion) {
    return new SignatureFacts(
        "REST-QUERY-STRING", "AWS4-HMAC-SHA256", OptionalLong.of(signatureAgeMillis), tlsVersion);
  }
}
