package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM user's console password (spec: IAM API Reference, LoginProfile).
 *
 * <p>Only hashes are held ({@code PasswordHasher}'s encoding); {@link #toString} shows neither the
 * hash nor the history, so a profile can never leak them into a log line.
 *
 * @param passwordChangedAt when the current password was set (the start of its age under the
 *     account's MaxPasswordAge)
 * @param passwordHistory hashes of earlier passwords, newest first (PasswordReusePrevention)
 */
public record LoginProfile(
    String userId,
    String passwordHash,
    Instant createDate,
    Instant passwordChangedAt,
    boolean passwordResetRequired,
    List<String> passwordHistory) {
  /** spec: UpdateAccountPasswordPolicy: PasswordReusePrevention is at most 24. */
  public static final int MAX_HISTORY = 24;

  public LoginProfile {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(passwordChangedAt, "passwordChangedAt");
    passwordHistory = List.copyOf(passwordHistory);
    if (passwordHistory.size() > MAX_HISTORY) {
      throw new IllegalArgumentException("at most " + MAX_HISTORY + " earlier passwords are kept");
    }
  }

  /** A new profile: the password is set now and has no history. */
  public static LoginProfile created(
      String userId, String passwordHash, Instant now, boolean passwordResetRequired) {
    return new LoginProfile(userId, passwordHash, now, now, passwordResetRequired, List.of());
  }

  /**
   * The profile with a new password set at {@code now}; the old hash moves to the front of the
   * history (at most {@link #MAX_HISTORY} kept).
   */
  public LoginProfile withPassword(String newHash, Instant now, boolean resetRequired) {
    List<String> history = new java.util.ArrayList<>();
    history.add(passwordHash);
    history.addAll(passwordHistory);
    return new LoginProfile(
        userId,
        newHash,
        createDate,
        now,
        resetRequired,
        history.subList(0, Math.min(MAX_HISTORY, history.size())));
  }

  public LoginProfile withResetRequired(boolean resetRequired) {
    return new LoginProfile(
        userId, passwordHash, createDate, passwordChangedAt, resetRequired, passwordHistory);
  }

  @Override
  public String toString() {
    return "LoginProfile[userId="
        + userId
        + ", createDate="
        + createDate
        + ", passwordChangedAt="
        + passwordChangedAt
        + ", passwordResetRequired="
        + passwordResetRequired
        + "]";
  }
}
