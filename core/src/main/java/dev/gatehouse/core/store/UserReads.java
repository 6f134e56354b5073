package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.User;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: IAM users. */
public interface UserReads {
  Optional<User> user(String accountId, String name);

  Optional<User> userById(String userId);

  List<User> users(String accountId);

  /** How many users the account has (a COUNT, for the quota). */
  int userCount(String accountId);
}
