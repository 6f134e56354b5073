package dev.gatehouse.sigv4;

import java.util.Objects;

/**
 * A request failed SigV4 authentication. Carries the {@link SigV4Error} (code, status, fault) and
 * the client-facing message in AWS's wording. The message never contains a secret; for {@link
 * SigV4Error#SIGNATURE_DOES_NOT_MATCH} it contains the canonical request and string to sign the
 * server computed, as AWS's does.
 */
public final class SigV4Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SigV4Error error;

  public SigV4Exception(SigV4Error error, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The error kind, which maps to the AWS code and HTTP status. */
  public SigV4Error error() {
    return error;
  }

  /** Shorthand for {@code error().code()}. */
  public String code() {
    return error.code();
  }
}
