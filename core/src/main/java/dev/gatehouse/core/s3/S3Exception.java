package dev.gatehouse.core.s3;

import java.util.Objects;

/**
 * An S3 error: its entry in {@link S3Error} and a message safe to show to the client (S3's text; it
 * says where and what, never a secret).
 */
public final class S3Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final S3Error error;

  public S3Exception(S3Error error, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The error's entry in the S3 error table. */
  public S3Error error() {
    return error;
  }
}
