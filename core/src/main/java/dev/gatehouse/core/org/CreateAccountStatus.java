package dev.gatehouse.core.org;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one CreateAccount request.
 *
 * <p>spec: Organizations API Reference, "CreateAccountStatus" data type; request ids match {@code
 * ^car-[a-z0-9]{8,32}$}.
 *
 * @param accountId the new account's id once it exists, else empty
 * @param failureReason AWS's CreateAccountFailureReason when the request failed, else empty
 */
public record CreateAccountStatus(
    String id,
    String organizationId,
    String accountName,
    State state,
    Instant requestedDate,
    Instant completedDate,
    String accountId,
    String failureReason) {
  public static final String ID_PATTERN = "car-[a-z0-9]{8,32}";

  public CreateAccountStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organizationId, "organizationId");
    Objects.requireNonNull(accountName, "accountName");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(requestedDate, "requestedDate");
    Objects.requireNonNull(completedDate, "completedDate");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(failureReason, "failureReason");
    if (!id.matches(ID_PATTERN)) {
      throw new IllegalArgumentException("request id must match " + ID_PATTERN);
    }
    if ((state == State.SUCCEEDED) == accountId.isEmpty()) {
      throw new IllegalArgumentException("a succeeded request, and only that, names its account");
    }
    if ((state == State.FAILED) == failureReason.isEmpty()) {
      throw new IllegalArgumentException("a failed request, and only that, gives its reason");
    }
  }

  /**
   * spec: CreateAccountState. Gatehouse completes a request before answering it, so it never
   * reports AWS's third state, IN_PROGRESS.
   */
  public enum State {
    SUCCEEDED,
    FAILED
  }

  /** The new account, for a request that succeeded. */
  public Optional<String> createdAccountId() {
    return accountId.isEmpty() ? Optional.empty() : Optional.of(accountId);
  }

  /** The failure reason, for a request that failed. */
  public Optional<String> failure() {
    return failureReason.isEmpty() ? Optional.empty() : Optional.of(failureReason);
  }
}
