package dev.gatehouse.core.error;

/**
 * The one table of errors Gatehouse returns: AWS error code, HTTP status and fault.
 *
 * <p>IAM model errors (spec: botocore iam-2010-05-08 service model), STS model errors (spec:
 * botocore sts-2011-06-15), Organizations model errors and the common errors of the Query protocol
 * (spec: AWS "Common Errors" reference page). The server maps every {@link GatehouseException}
 * through this table.
 */
public enum ErrorCode {
  // IAM model errors
  NO_SUCH_ENTITY("NoSuchEntity", 404, Fault.SENDER),
  ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409, Fault.SENDER),
  LIMIT_EXCEEDED("LimitExceeded", 409, Fault.SENDER),
  INVALID_INPUT("InvalidInput", 400, Fault.SENDER),
  MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400, Fault.SENDER),
  DELETE_CONFLICT("DeleteConflict", 409, Fault.SENDER),
  CONCURRENT_MODIFICATION("ConcurrentModification", 409, Fault.SENDER),
  ENTITY_TEMPORARILY_UNMODIFIABLE("EntityTemporarilyUnmodifiable", 409, Fault.SENDER),
  INVALID_AUTHENTICATION_CODE("InvalidAuthenticationCode", 403, Fault.SENDER),
  UNMODIFIABLE_ENTITY("UnmodifiableEntity", 400, Fault.SENDER),
  POLICY_NOT_ATTACHABLE("PolicyNotAttachable", 400, Fault.SENDER),
  POLICY_EVALUATION("PolicyEvaluation", 500, Fault.RECEIVER),
  PASSWORD_POLICY_VIOLATION("PasswordPolicyViolation", 400, Fault.SENDER),
  INVALID_USER_TYPE("InvalidUserType", 400, Fault.SENDER),
  DUPLICATE_CERTIFICATE("DuplicateCertificate", 409, Fault.SENDER),
  DUPLICATE_SSH_PUBLIC_KEY("DuplicateSSHPublicKey", 400, Fault.SENDER),
  KEY_PAIR_MISMATCH("KeyPairMismatch", 400, Fault.SENDER),
  MALFORMED_CERTIFICATE("MalformedCertificate", 400, Fault.SENDER),
  INVALID_CERTIFICATE("InvalidCertificate", 400, Fault.SENDER),
  INVALID_PUBLIC_KEY("InvalidPublicKey", 400, Fault.SENDER),
  UNRECOGNIZED_PUBLIC_KEY_ENCODING("UnrecognizedPublicKeyEncoding", 400, Fault.SENDER),
  CREDENTIAL_REPORT_EXPIRED("ReportExpired", 410, Fault.SENDER),
  CREDENTIAL_REPORT_NOT_PRESENT("ReportNotPresent", 410, Fault.SENDER),
  CREDENTIAL_REPORT_NOT_READY("ReportInProgress", 404, Fault.SENDER),
  REPORT_GENERATION_LIMIT_EXCEEDED("ReportGenerationLimitExceeded", 409, Fault.SENDER),
  OPEN_ID_IDP_COMMUNICATION_ERROR("OpenIdIdpCommunicationError", 400, Fault.SENDER),
  SERVICE_NOT_SUPPORTED("NotSupportedService", 404, Fault.SENDER),
  SERVICE_FAILURE("ServiceFailure", 500, Fault.RECEIVER),

  // STS model errors
  PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400, Fault.SENDER),
  REGION_DISABLED("RegionDisabledException", 403, Fault.SENDER),
  EXPIRED_TOKEN_EXCEPTION("ExpiredTokenException", 400, Fault.SENDER),
  ID_P_REJECTED_CLAIM("IDPRejectedClaim", 403, Fault.SENDER),
  ID_P_COMMUNICATION_ERROR("IDPCommunicationError", 400, Fault.SENDER),
  INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400, Fault.SENDER),
  INVALID_AUTHORIZATION_MESSAGE("InvalidAuthorizationMessageException", 400, Fault.SENDER),

  // Organizations model errors (spec: botocore organizations-2016-11-28; the API reference gives
  // HTTP 400 for each)
  ORGANIZATIONS_ACCESS_DENIED("AccessDeniedException", 400, Fault.SENDER),
  ORGANIZATIONS_NOT_IN_USE("AWSOrganizationsNotInUseException", 400, Fault.SENDER),
  ALREADY_IN_ORGANIZATION("AlreadyInOrganizationException", 400, Fault.SENDER),
  ACCOUNT_NOT_FOUND("AccountNotFoundException", 400, Fault.SENDER),
  TARGET_NOT_FOUND("TargetNotFoundException", 400, Fault.SENDER),
  CHILD_NOT_FOUND("ChildNotFoundException", 400, Fault.SENDER),
  CREATE_ACCOUNT_STATUS_NOT_FOUND("CreateAccountStatusNotFoundException", 400, Fault.SENDER),
  DUPLICATE_ACCOUNT("DuplicateAccountException", 400, Fault.SENDER),
  ORGANIZATIONS_INVALID_INPUT("InvalidInputException", 400, Fault.SENDER),
  CONSTRAINT_VIOLATION("ConstraintViolationException", 400, Fault.SENDER),
  ORGANIZATIONS_SERVICE("ServiceException", 500, Fault.RECEIVER),

  // Authentication and authorization (common errors)
  ACCESS_DENIED("AccessDenied", 403, Fault.SENDER),
  INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403, Fault.SENDER),
  EXPIRED_TOKEN("ExpiredToken", 403, Fault.SENDER),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403, Fault.SENDER),
  INCOMPLETE_SIGNATURE("IncompleteSignature", 400, Fault.SENDER),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403, Fault.SENDER),
  REQUEST_EXPIRED("RequestExpired", 400, Fault.SENDER),
  OPT_IN_REQUIRED("OptInRequired", 403, Fault.SENDER),

  // Protocol (common errors)
  INVALID_ACTION("InvalidAction", 400, Fault.SENDER),
  MISSING_ACTION("MissingAction", 400, Fault.SENDER),
  MISSING_PARAMETER("MissingParameter", 400, Fault.SENDER),
  INVALID_PARAMETER_VALUE("InvalidParameterValue", 400, Fault.SENDER),
  INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400, Fault.SENDER),
  INVALID_QUERY_PARAMETER("InvalidQueryParameter", 400, Fault.SENDER),
  MALFORMED_QUERY_STRING("MalformedQueryString", 404, Fault.SENDER),
  VALIDATION_ERROR("ValidationError", 400, Fault.SENDER),
  THROTTLING("Throttling", 400, Fault.SENDER),
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413, Fault.SENDER),
  INTERNAL_FAILURE("InternalFailure", 500, Fault.RECEIVER),
  // JSON protocol (spec: AWS JSON 1.1 protocol): a body that does not parse, an unknown target
  SERIALIZATION("SerializationException", 400, Fault.SENDER),
  UNKNOWN_OPERATION("UnknownOperationException", 400, Fault.SENDER),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, Fault.RECEIVER);

  private final String awsCode;
  private final int httpStatus;
  private final Fault fault;

  ErrorCode(String awsCode, int httpStatus, Fault fault) {
    this.awsCode = awsCode;
    this.httpStatus = httpStatus;
    this.fault = fault;
  }

  /** The value of the {@code <Code>} element, e.g. {@code NoSuchEntity}. */
  public String awsCode() {
    return awsCode;
  }

  /** The HTTP status AWS answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Sender or Receiver. */
  public Fault fault() {
    return fault;
  }
}
