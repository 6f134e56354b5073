package dev.gatehouse.core.sts;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;

/**
 * Why a session token was refused. Every reason but expiry answers {@code InvalidClientTokenId}
 * with the same message, so a client learns nothing about which check failed.
 */
public enum TokenFailure {
  /** Not base64, too short, too long, or a header that does not parse. */
  MALFORMED,
  /** A format version this server does not know. */
  UNSUPPORTED_VERSION,
  /** Sealed under a key id that is not (or no longer) in the key ring. */
  UNKNOWN_KEY,
  /** The GCM tag does not verify: tampered, or presented with another access key id. */
  NOT_AUTHENTIC,
  /** The token is authentic but its session has expired. */
  EXPIRED;

  // spec: AWS common errors; message texts as STS returns them.
  private static final String INVALID_MESSAGE =
      "The security token included in the request is invalid.";
  private static final String EXPIRED_MESSAGE =
      "The security token included in the request is expired";

  /** The AWS error for this failure. */
  public ErrorCode errorCode() {
    return this == EXPIRED ? ErrorCode.EXPIRED_TOKEN : ErrorCode.INVALID_CLIENT_TOKEN_ID;
  }

  /** AWS's message for this failure. */
  public String message() {
    return this == EXPIRED ? EXPIRED_MESSAGE : INVALID_MESSAGE;
  }

  /** The exception the server maps to the error envelope. */
  public GatehouseException toException() {
    return new GatehouseException(errorCode(), message());
  }
}
