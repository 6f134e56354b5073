package dev.gatehouse.core.iam;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Console sign-in: checks a console password against the login profile (an IAM user) or the
 * account's root password, with throttling. An unknown account, an unknown user, a user without a
 * login profile and a wrong password all give the same {@link Outcome.Refused}, so the answer does
 * not tell which names exist. Repeated failures slow down the source they come from ({@link
 * dev.gatehouse.core.password.SignInThrottle}), never other sources.
 */
public interface ConsoleSignIn {

  /** The text shown for every refused sign-in. */
  String REFUSED_MESSAGE = "Your authentication information is incorrect. Please try again.";

  /** The text shown to a source that must wait before its next attempt. */
  static String throttledMessage(Duration retryAfter) {
    long seconds = Math.max(1, retryAfter.toSeconds());
    return "Too many failed sign-in attempts. Wait "
        + seconds
        + (seconds == 1 ? " second" : " seconds")
        + " before you try again.";
  }

  /**
   * Checks one sign-in attempt.
   *
   * @param account the 12-digit account id or the account's alias
   * @param userName an IAM user name, or empty for the account's root user
   * @param password the password as typed
   * @param source the address the attempt comes from (what the throttle counts by)
   */
  Outcome signIn(String account, Optional<String> userName, String password, String source);

  /**
   * Counts a wrong MFA code given after the right password as a failed attempt of that name from
   * that source, so that guessing codes is slowed down like guessing passwords.
   *
   * @param userName the IAM user, or empty for the root user
   */
  void codeRefused(String accountId, Optional<String> userName, String source);

  /**
   * A signed-in IAM user changes their own password (IAM's ChangePassword rules: the old password
   * must match, the account password policy applies, {@code PasswordResetRequired} is cleared).
   * Throws {@code GatehouseException} with AWS's codes (InvalidUserType,
   * EntityTemporarilyUnmodifiable, PasswordPolicyViolation, NoSuchEntity; LimitExceeded while the
   * source must wait after failed old-password checks).
   *
   * @param source what the old-password failures are counted by: the console's client address, or
   *     the access key of an API call
   */
  void changePassword(
      String accountId, String userName, String oldPassword, String newPassword, String source);

  /** What a sign-in attempt gave. */
  sealed interface Outcome {
    /**
     * @param accountId the account signed in to (resolved from an alias)
     * @param userName the IAM user, or empty for the root user
     * @param passwordResetRequired the user must set a new password before going on (the console
     *     then asks for it; MFA devices are checked by the console from the MFA service)
     */
    record SignedIn(String accountId, Optional<String> userName, boolean passwordResetRequired)
        implements Outcome {
      public SignedIn {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(userName);
      }
    }

    /** Wrong password, unknown user or account, or no console password: always the same. */
    record Refused() implements Outcome {}

    /**
     * This source failed too often at this name (or at many names) lately: no check was made; try
     * again after {@code retryAfter}.
     */
    record Throttled(Duration retryAfter) implements Outcome {
      public Throttled {
        Objects.requireNonNull(retryAfter);
      }
    }
  }
}
