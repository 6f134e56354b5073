package dev.gatehouse.core.error;

import java.util.Objects;

/**
 * An error with an AWS code and a message safe to show to the client.
 *
 * <p>The message is AWS's text for the error (it says where and what); it never contains a secret
 * or internal exception text.
 */
public class GatehouseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public GatehouseException(ErrorCode code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  public GatehouseException(ErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The error's entry in the one error table. */
  public ErrorCode code() {
    return code;
  }

  /** {@code NoSuchEntity} error. */
  public static GatehouseException noSuchEntity(String message) {
    return new GatehouseException(ErrorCode.NO_SUCH_ENTITY, message);
  }

  /** {@code EntityAlreadyExists} error. */
  public static GatehouseException alreadyExists(String message) {
    return new GatehouseException(ErrorCode.ENTITY_ALREADY_EXISTS, message);
  }

  /** {@code LimitExceeded} error. */
  public static GatehouseException limitExceeded(String message) {
    return new GatehouseException(ErrorCode.LIMIT_EXCEEDED, message);
  }

  /** {@code InvalidInput} error. */
  public static GatehouseException invalidInput(String message) {
    return new GatehouseException(ErrorCode.INVALID_INPUT, message);
  }

  /** {@code DeleteConflict} error. */
  public static GatehouseException deleteConflict(String message) {
    return new GatehouseException(ErrorCode.DELETE_CONFLICT, message);
  }

  /** {@code ValidationError} error. */
  public static GatehouseException validation(String message) {
    return new GatehouseException(ErrorCode.VALIDATION_ERROR, message);
  }
}
