package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.User;

/** Writes of the store port: IAM users. Persistence only (see {@link WriteTransaction}). */
public interface UserWrites extends UserReads {
  void createUser(User user);

  /** Replaces the user with the same id (rename, move, boundary). */
  void updateUser(User user);

  /** Deletes a user and its tags. */
  void deleteUser(String userId);
}
