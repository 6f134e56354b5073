package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.PasswordPolicy;

/**
 * Writes of the store port: Console passwords: users' login profiles, root passwords, account
 * password policies. Persistence only (see {@link WriteTransaction}).
 */
public interface PasswordWrites extends PasswordReads {
  /** Stores a user's first console password. */
  void createLoginProfile(LoginProfile profile);

  /** Replaces a user's login profile. */
  void updateLoginProfile(LoginProfile profile);

  /** Returns false when the user had no login profile. */
  boolean deleteLoginProfile(String userId);

  /** Sets (or replaces) the hash of the account root user's console password. */
  void setRootPasswordHash(String accountId, String passwordHash);

  /** Sets (or replaces) the account's password policy. */
  void putPasswordPolicy(String accountId, PasswordPolicy policy);

  /** Returns false when the account had no password policy. */
  boolean deletePasswordPolicy(String accountId);
}
