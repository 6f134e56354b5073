package dev.gatehouse.server.console;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.iam.ConsoleSignIn;
import dev.gatehouse.server.SessionTokens;
import dev.gatehouse.server.sts.MfaActions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the console needs from the composition root besides the in-process API: the password check,
 * the directory that turns a signed-in name into its principal, the MFA devices (codes at sign-in),
 * the session tokens (of Switch Role) and the idle timeout.
 */
public record ConsoleBackend(
    ConsoleSignIn signIn,
    Directory directory,
    MfaActions mfa,
    SessionTokens tokens,
    Duration idleTimeout) {
  /** The idle timeout unless configured: one hour. */
  public static final Duration DEFAULT_IDLE = Duration.ofHours(1);

  public ConsoleBackend {
    Objects.requireNonNull(signIn);
    Objects.requireNonNull(directory);
    Objects.requireNonNull(mfa);
    Objects.requireNonNull(tokens);
    Objects.requireNonNull(idleTimeout);
  }

  /** Names to principals and account aliases, read from the store. */
  public interface Directory {
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
  }
}
