package dev.gatehouse.server.console;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.IamServices;
import java.util.List;
import java.util.Optional;

/** The console's directory read from the IAM services (users, account aliases). */
public final class StoreDirectory implements ConsoleBackend.Directory {
  private final IamServices iam;
  private final List<String> accounts;

  /**
   * @param accounts the accounts whose aliases the switch-role form resolves (the server's own)
   */
  public StoreDirectory(IamServices iam, List<String> accounts) {
    this.iam = iam;
    this.accounts = List.copyOf(accounts);
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
