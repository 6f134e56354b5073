package dev.gatehouse.server.console;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.ConsoleSignIn;
import java.util.Optional;

/** Console sign-in where no console passwords exist: every attempt is refused. */
public final class NoConsoleSignIn implements ConsoleSignIn {
  @Override
  public Outcome signIn(String account, Optional<String> userName, String password) {
    return new Outcome.Refused();
  }

  @Override
  public void changePassword(
      String accountId, String userName, String oldPassword, String newPassword) {
    throw new GatehouseException(
        ErrorCode.NO_SUCH_ENTITY, "The user with name " + userName + " cannot be found.");
  }
}
