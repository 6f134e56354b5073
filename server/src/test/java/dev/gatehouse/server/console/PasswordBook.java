package dev.gatehouse.server.console;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.ConsoleSignIn;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A console sign-in check over passwords the test sets (until the store's login profiles are
 * wired): the same outcomes as the real check, one refusal for every wrong name or password.
 */
final class PasswordBook implements ConsoleSignIn {
  private final ConsoleBackend.Directory directory;
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, Boolean> resetRequired = new ConcurrentHashMap<>();

  PasswordBook(ConsoleBackend.Directory directory) {
    this.directory = directory;
  }

  void set(String accountId, String userName, String password, boolean reset) {
    passwords.put(accountId + "/" + userName, password);
    resetRequired.put(accountId + "/" + userName, reset);
  }

  @Override
  public Outcome signIn(String account, Optional<String> userName, String password) {
    Optional<String> id = directory.accountId(account);
    if (id.isEmpty()) {
      return new Outcome.Refused();
    }
    String key = id.get() + "/" + userName.orElse("");
    if (!password.equals(passwords.get(key))) {
      return new Outcome.Refused();
    }
    return new Outcome.SignedIn(id.get(), userName, resetRequired.getOrDefault(key, false));
  }

  @Override
  public void changePassword(
      String accountId, String userName, String oldPassword, String newPassword) {
    String key = accountId + "/" + userName;
    if (!oldPassword.equals(passwords.get(key))) {
      throw new GatehouseException(ErrorCode.ACCESS_DENIED, "The old password is incorrect.");
    }
    passwords.put(key, newPassword);
    resetRequired.put(key, false);
  }
}
