package dev.gatehouse.console;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.SessionClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the console needs besides the in-process API, as a port the console owns: the checks of a
 * sign-in (password, MFA code, new password), the names a sign-in or Switch Role form gives, and
 * the opening of a role session's token. The composition root implements it over the core services,
 * so the console itself uses no service, store or wiring class (see the architecture test).
 */
public interface ConsoleBackend {
  /** The idle timeout unless configured: one hour. */
  Duration DEFAULT_IDLE = Duration.ofHours(1);

  /** How long a console session lives without a request. */
  Duration idleTimeout();

  /**
   * Checks one sign-in attempt (throttled per name and source address).
   *
   * @param account the 12-digit account id or the account's alias
   * @param userName an IAM user name, or empty for the account's root user
   * @param source the client address the attempt comes from
   */
  SignIn signIn(String account, Optional<String> userName, String password, String source);

  /**
   * The serial number of the MFA device enabled for the IAM user (or, with no name, the root user),
   * if any.
   */
  Optional<String> mfaDevice(String accountId, Optional<String> userName);

  /**
   * Checks the MFA code of a sign-in whose password was right; the code is then used up. A refused
   * code counts as a failed sign-in of that name from that source.
   */
  CodeCheck checkSignInCode(
      String accountId, Optional<String> userName, String code, String source);

  /**
   * The signed-in IAM user sets a new password (IAM's ChangePassword rules).
   *
   * @throws dev.gatehouse.core.error.GatehouseException with AWS's code and message when refused
   */
  void changePassword(
      String accountId, String userName, String oldPassword, String newPassword, String source);

  /**
   * Opens the sealed session token of a role session, as SigV4 does for its credentials.
   *
   * @throws dev.gatehouse.core.error.GatehouseException ExpiredToken, or InvalidClientTokenId when
   *     revoked or not a token of this server
   */
  SessionClaims openRoleSession(String sessionToken, String accessKeyId, Instant now);

  /**
   * The IAM user signed in as (its path and unique id make the principal).
   *
   * @throws dev.gatehouse.core.error.GatehouseException NoSuchEntity when it no longer exists
   */
  Principal.User user(String accountId, String userName);

  /** The 12-digit id for an account id or an alias this server knows. */
  Optional<String> accountId(String idOrAlias);

  /** The account's alias, if it has one. */
  Optional<String> alias(String accountId);

  /** What a sign-in attempt gave. */
  sealed interface SignIn {
    /**
     * @param accountId the account signed in to (resolved from an alias)
     * @param userName the IAM user, or empty for the root user
     * @param passwordResetRequired the user must set a new password before going on
     */
    record SignedIn(String accountId, Optional<String> userName, boolean passwordResetRequired)
        implements SignIn {
      public SignedIn {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(userName);
      }
    }

    /**
     * Refused, or the source must wait first; the message says so without telling which names
     * exist.
     */
    record Refused(String message) implements SignIn {
      public Refused {
        Objects.requireNonNull(message);
      }
    }
  }

  /** What an MFA code at sign-in gave. */
  sealed interface CodeCheck {
    /** The code was right: the sign-in's MFA facts. */
    record Accepted(MfaFacts mfa) implements CodeCheck {
      public Accepted {
        Objects.requireNonNull(mfa);
      }
    }

    /** The code was wrong or already used; the message is the one of every refused sign-in. */
    record Refused(String message) implements CodeCheck {
      public Refused {
        Objects.requireNonNull(message);
      }
    }
  }
}
