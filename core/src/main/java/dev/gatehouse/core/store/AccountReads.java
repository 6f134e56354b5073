package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Account;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: Accounts and their aliases. */
public interface AccountReads {
  Optional<Account> account(String accountId);

  List<Account> all();

  Optional<String> accountAlias(String accountId);

  /** The account that has this alias, if any. */
  Optional<String> accountWithAlias(String alias);
}
