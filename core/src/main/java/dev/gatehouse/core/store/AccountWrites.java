package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Account;

/**
 * Writes of the store port: Accounts and their aliases. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface AccountWrites extends AccountReads {
  void createAccount(Account account);

  /** Sets the account's one alias. */
  void setAccountAlias(String accountId, String alias);

  /** Returns false when the account does not have this alias. */
  boolean deleteAccountAlias(String accountId, String alias);
}
