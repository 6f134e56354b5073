package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.store.AccountWrites;
import java.util.List;
import java.util.Optional;

/** The SQL accounts of a transaction: Accounts and their aliases. */
final class SqlAccounts implements AccountWrites {
  private final Jdbc jdbc;

  SqlAccounts(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Account> account(String accountId) {
    return jdbc.one(
        "SELECT account_id, created_at FROM iam_accounts WHERE account_id = ?",
        rs -> new Account(rs.getString(1), SqlRows.instant(rs, 2)),
        accountId);
  }

  @Override
  public List<Account> all() {
    return jdbc.list(
        "SELECT account_id, created_at FROM iam_accounts ORDER BY account_id",
        rs -> new Account(rs.getString(1), SqlRows.instant(rs, 2)));
  }

  @Override
  public Optional<String> accountAlias(String accountId) {
    return jdbc.one(
            "SELECT alias FROM iam_accounts WHERE account_id = ?",
            rs -> Optional.ofNullable(rs.getString(1)),
            accountId)
        .flatMap(o -> o);
  }

  @Override
  public Optional<String> accountWithAlias(String alias) {
    return jdbc.one(
        "SELECT account_id FROM iam_accounts WHERE alias = ?", rs -> rs.getString(1), alias);
  }

  @Override
  public void createAccount(Account account) {
    jdbc.update(
        "INSERT INTO iam_accounts (account_id, created_at) VALUES (?, ?)",
        account.id(),
        account.createDate().toEpochMilli());
  }

  @Override
  public void setAccountAlias(String accountId, String alias) {
    jdbc.update("UPDATE iam_accounts SET alias = ? WHERE account_id = ?", alias, accountId);
  }

  @Override
  public boolean deleteAccountAlias(String accountId, String alias) {
    return jdbc.update(
            "UPDATE iam_accounts SET alias = NULL WHERE account_id = ? AND alias = ?",
            accountId,
            alias)
        > 0;
  }
}
