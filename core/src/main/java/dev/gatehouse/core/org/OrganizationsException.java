package dev.gatehouse.core.org;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.Objects;
import java.util.Optional;

/**
 * An Organizations error that carries AWS's {@code Reason} member (InvalidInputException,
 * ConstraintViolationException), sent next to the message in the JSON error body.
 */
public final class OrganizationsException extends GatehouseException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public OrganizationsException(ErrorCode code, String reason, String message) {
    super(code, message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The value of the Reason member, when the error has one. */
  public Optional<String> reason() {
    return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
  }
}
