package dev.gatehouse.sigv4;

import java.time.Duration;
import java.util.Objects;

/** Where the signature travelled: in the {@code Authorization} header or in the query string. */
public sealed interface AuthorizationMode {

  /** {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
  record InHeader() implements AuthorizationMode {}

  /**
   * A presigned URL: {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code
   * X-Amz-Expires}, {@code X-Amz-SignedHeaders} and {@code X-Amz-Signature} query parameters.
   *
   * @param expires the validity the signer chose ({@code X-Amz-Expires}), 1 second to 7 days
   */
  record Presigned(Duration expires) implements AuthorizationMode {
    public Presigned {
      Objects.requireNonNull(expires, "expires");
    }
  }
}
