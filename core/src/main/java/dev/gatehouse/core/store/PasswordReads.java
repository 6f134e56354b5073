package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.PasswordPolicy;
import java.util.Optional;

/**
 * Reads of the store port: Console passwords: users' login profiles, root passwords, account
 * password policies.
 */
public interface PasswordReads {
  /** The console password of a user, by user id. */
  Optional<LoginProfile> loginProfile(String userId);

  /** The hash of the account root user's console password, if one is set. */
  Optional<String> rootPasswordHash(String accountId);

  /** The account's password policy, if one is set. */
  Optional<PasswordPolicy> passwordPolicy(String accountId);
}
