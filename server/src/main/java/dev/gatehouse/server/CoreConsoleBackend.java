package dev.gatehouse.server;

import dev.gatehouse.api.SessionTokens;
import dev.gatehouse.api.sts.MfaActions;
import dev.gatehouse.console.ConsoleBackend;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.ConsoleSignIn;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.sts.MfaHolder;
import dev.gatehouse.core.sts.SessionClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The console's port over the core services: sign-in and password changes from {@link
 * ConsoleSignIn}, MFA devices and session tokens from STS, users and account aliases from IAM.
 */
final class CoreConsoleBackend implements ConsoleBackend {
  private final IamServices iam;
  private final ConsoleSignIn signIn;
  private final MfaActions mfa;
  private final SessionTokens tokens;
  private final List<String> accounts;
  private final Duration idleTimeout;

  /**
   * @param accounts the accounts whose aliases the Switch Role form resolves (the server's own)
   */
  CoreConsoleBackend(
      IamServices iam,
      MfaActions mfa,
      SessionTokens tokens,
      List<String> accounts,
      Duration idleTimeout) {
    this.iam = iam;
    this.signIn = iam.consoleSignIn();
    this.mfa = mfa;
    this.tokens = tokens;
    this.accounts = List.copyOf(accounts);
    this.idleTimeout = idleTimeout;
  }

  @Override
  public Duration idleTimeout() {
    return idleTimeout;
  }

  @Override
  public SignIn signIn(String account, Optional<String> userName, String password, String source) {
    ConsoleSignIn.Outcome outcome = signIn.signIn(account, userName, password, source);
    if (outcome instanceof ConsoleSignIn.Outcome.SignedIn in) {
      return new SignIn.SignedIn(in.accountId(), in.userName(), in.passwordResetRequired());
    }
    if (outcome instanceof ConsoleSignIn.Outcome.Throttled throttled) {
      return new SignIn.Refused(ConsoleSignIn.throttledMessage(throttled.retryAfter()));
    }
    return new SignIn.Refused(ConsoleSignIn.REFUSED_MESSAGE);
  }

  @Override
  public Optional<String> mfaDevice(String accountId, Optional<String> userName) {
    return mfa.enabledDevice(accountId, holder(userName));
  }

  @Override
  public CodeCheck checkSignInCode(
      String accountId, Optional<String> userName, String code, String source) {
    try {
      return new CodeCheck.Accepted(mfa.verifySignInCode(accountId, holder(userName), code));
    } catch (GatehouseException e) {
      signIn.codeRefused(accountId, userName, source);
      return new CodeCheck.Refused(ConsoleSignIn.REFUSED_MESSAGE);
    }
  }

  /** Whose MFA device a sign-in asks for: the IAM user's, or the root user's (no name). */
  private static MfaHolder holder(Optional<String> userName) {
    return userName.<MfaHolder>map(MfaHolder.User::new).orElseGet(MfaHolder.Root::new);
  }

  @Override
  public void changePassword(
      String accountId, String userName, String oldPassword, String newPassword, String source) {
    signIn.changePassword(accountId, userName, oldPassword, newPassword, source);
  }

  @Override
  public SessionClaims openRoleSession(String sessionToken, String accessKeyId, Instant now) {
    return tokens.open(sessionToken, accessKeyId, now);
  }

  @Override
  public Principal.User user(String accountId, String userName) {
    User u = iam.users().getUser(accountId, userName).user();
    return new Principal.User(accountId, u.name(), u.path(), u.id());
  }

  @Override
  public Optional<String> accountId(String idOrAlias) {
    if (idOrAlias.matches("\\d{12}")) {
      return Optional.of(idOrAlias);
    }
    for (String account : accounts) {
      if (iam.accounts().listAccountAliases(account).contains(idOrAlias)) {
        return Optional.of(account);
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> alias(String accountId) {
    return iam.accounts().listAccountAliases(accountId).stream().findFirst();
  }
}
