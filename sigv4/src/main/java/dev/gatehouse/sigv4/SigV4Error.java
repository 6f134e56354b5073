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
  EXPIRED_TOKEN("ExpiredToken", 403),

  // Amazon S3's codes for the same failures and for the body checks only S3 has. The S3 verifier
  // and the body streams raise these; the IAM/STS verifier never does.
  // spec: S3 API Reference "Error responses" (List of error codes), and the texts S3 answers with
  // as recorded by S3-compatible servers' conformance reports (versity/versitygw#1666, #1684,
  // #1683, #1656, #1352; scality/Arsenal#2596; aws-sdk-ruby#3322).

  /** S3: the {@code Authorization} header is malformed or incomplete. */
  AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
  /** S3: the presigned query parameters are malformed or incomplete. */
  AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400),
  /** S3: a presigned URL used after its expiry ("Request has expired"), or unsigned headers. */
  ACCESS_DENIED("AccessDenied", 403),
  /** S3: the request time is outside the allowed skew of the server's clock. */
  REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403),
  /** S3: the access key id is unknown (raised by the server after the lookup). */
  INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
  /** S3: an argument such as {@code x-amz-content-sha256} has a value S3 does not accept. */
  INVALID_ARGUMENT("InvalidArgument", 400),
  /** S3: the request is invalid, for example a malformed {@code x-amz-checksum-*} value. */
  INVALID_REQUEST("InvalidRequest", 400),
  /** S3: the body ended early, is framed wrongly, or is not as long as declared. */
  INCOMPLETE_BODY("IncompleteBody", 400),
  /** S3: an {@code x-amz-checksum-*} value does not match the body received. */
  BAD_DIGEST("BadDigest", 400),
  /** S3: the trailing headers of an aws-chunked body are malformed or not the announced ones. */
  MALFORMED_TRAILER("MalformedTrailerError", 400),
  /** S3: an aws-chunked chunk is too small (not the last) or larger than this server accepts. */
  INVALID_CHUNK_SIZE("InvalidChunkSizeError", 403),
  /** S3: {@code x-amz-decoded-content-length} missing or not a number on an aws-chunked body. */
  MISSING_CONTENT_LENGTH("MissingContentLength", 411),
  /** S3: a feature named by the request (for example SigV4A streaming) is not implemented. */
  NOT_IMPLEMENTED("NotImplemented", 501);

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
