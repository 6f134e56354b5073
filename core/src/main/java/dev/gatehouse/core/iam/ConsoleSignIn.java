package dev.gatehouse.core.iam;

import java.util.Objects;
import java.util.Optional;

/**
 * Console sign-in: checks a console password against the login profile (an IAM user) or the
 * account's root password, with throttling. An unknown account, an unknown user, a user without a
 * login profile and a wrong password all give the same {@link Outcome.Refused}, so the answer does
 * not tell which names exist.
 */
public interface ConsoleSignIn {

  /** The text shown for every refused sign-in. */
  String REFUSED_MESSAGE = "Your authentication information is incorrect. Please try again.";

  /** The text shown once a user has failed too often. */
  String THROTTLED_MESSAGE = "Too many failed sign-in attempts. Wait a while before you try again.";

  /**
   * Checks one sign-in attempt.
   *
   * @param account the 12-digit account id or the account's alias
   * @param userName an IAM user name, or empty for the account's root user
   * @param password the password as typed
   */
  Outcome signIn(String account, Optional<String> userName, String password);

  /**
   * A signed-in IAM user changes their own password (IAM's ChangePassword rules: the old password
   * must match, the account password policy applies, {@code PasswordResetRequired} is cleared).
   * Throws {@code GatehouseException} with AWS's codes (InvalidUserType,
   * EntityTemporarilyUnmodifiable, PasswordPolicyViolation, NoSuchEntity).
   */
  void changePassword(String accountId, String userName, String oldPassword, String newPassword);

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

    /** Too many failures for this user in the last hour (100). */
    record Throttled() implements Outcome {}
  }
}
