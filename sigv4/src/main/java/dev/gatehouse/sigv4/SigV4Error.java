package dev.gatehouse.sigv4;

/**
 * Every error the SigV4 layer can produce, mapped to the wire in this one table: AWS error code,
 * HTTP status and fault. The messages are built where the error is detected; this table only holds
 * what is the same for every occurrence.
 *
 * <p>spec: AWS "Common Errors" pages (query protocol) and the STS/IAM envelopes quoted in the
 * project's AWS facts, section 1.4.
 */
public enum SigV4Error {
  /** No authentication information at all. */
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
  /** Authorization header or presigned parameters malformed or incomplete. */
  INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
  /** Bad signature, wrong credential scope, or request time outside the skew window. */
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
  /** A presigned request used after {@code X-Amz-Date + X-Amz-Expires}. */
  REQUEST_EXPIRED("RequestExpired", 400),
  /** {@code X-Amz-Content-Sha256} differs from the hash of the received body. */
  CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400),
  /**
   * Unknown or inactive access key, or a session token that does not unseal or does not belong to
   * the access key. Raised by the server between {@link SigV4#parse} and verification; listed here
   * so that the whole authentication taxonomy sits in one table.
   */
  INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
  /** Session credentials past their expiry. Raised by the server, see above. */
  EXPIRED_TOKEN("ExpiredToken", 403);

  /** Who caused the error, as written in the {@code <Type>} element of the error envelope. */
  public enum Fault {
    SENDER,
    RECEIVER
  }

  private final String code;
  private final int httpStatus;

  SigV4Error(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The AWS error code, for example {@code SignatureDoesNotMatch}. */
  public String code() {
    return code;
  }

  /** The HTTP status AWS answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Every authentication error is the caller's: AWS reports them all with type Sender. */
  public Fault fault() {
    return Fault.SENDER;
  }

  /** Standard message for {@link #INVALID_CLIENT_TOKEN_ID}, as STS and IAM word it. */
  public static final String INVALID_TOKEN_MESSAGE =
      "The security token included in the request is invalid";

  /** Standard message for {@link #EXPIRED_TOKEN}, as STS and IAM word it. */
  public static final String EXPIRED_TOKEN_MESSAGE =
      "The security token included in the request is expired";
}
