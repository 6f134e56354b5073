package dev.gatehouse.policy;

import java.util.Optional;

/**
 * Thrown for a document AWS would reject. The message is AWS's text for the error code (usually
 * {@code MalformedPolicyDocument}); {@link #pointer()} says where, as a JSON pointer, when known.
 */
public class MalformedPolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** AWS's error code for a malformed document. */
  public static final String MALFORMED_POLICY_DOCUMENT = "MalformedPolicyDocument";

  private final String errorCode;
  private final String pointer;

  public MalformedPolicyException(String message) {
    this(MALFORMED_POLICY_DOCUMENT, message, "");
  }

  public MalformedPolicyException(String message, String pointer) {
    this(MALFORMED_POLICY_DOCUMENT, message, pointer);
  }

  public MalformedPolicyException(String errorCode, String message, String pointer) {
    super(message);
    this.errorCode = errorCode;
    this.pointer = pointer;
  }

  /** {@code MalformedPolicyDocument}, {@code LimitExceeded} or {@code ValidationError}. */
  public String errorCode() {
    return errorCode;
  }

  /** A JSON pointer into the document where the error is, when known. */
  public Optional<String> pointer() {
    return pointer.isEmpty() ? Optional.empty() : Optional.of(pointer);
  }

  /**
   * The message with its location, for people: {@code Syntax errors in policy. (at /Statement/0)}.
   */
  public String describe() {
    return pointer.isEmpty() ? getMessage() : getMessage() + " (at " + pointer + ")";
  }
}
