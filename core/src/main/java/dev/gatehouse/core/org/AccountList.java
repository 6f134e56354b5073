package dev.gatehouse.core.org;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of ListAccounts.
 *
 * @param nextToken the token of the next page, empty on the last
 */
public record AccountList(List<OrganizationMember> accounts, String nextToken) {
  public AccountList {
    accounts = List.copyOf(accounts);
    Objects.requireNonNull(nextToken, "nextToken");
  }

  public Optional<String> next() {
    return nextToken.isEmpty() ? Optional.empty() : Optional.of(nextToken);
  }
}
