package dev.gatehouse.core.domain;

/**
 * An account's password policy (spec: IAM API Reference, UpdateAccountPasswordPolicy and the
 * PasswordPolicy data type).
 *
 * @param maxPasswordAge days a password is valid, 0 when passwords never expire
 * @param passwordReusePrevention how many earlier passwords may not be reused, 0 for none
 */
public record PasswordPolicy(
    int minimumPasswordLength,
    boolean requireSymbols,
    boolean requireNumbers,
    boolean requireUppercaseCharacters,
    boolean requireLowercaseCharacters,
    boolean allowUsersToChangePassword,
    int maxPasswordAge,
    int passwordReusePrevention,
    boolean hardExpiry) {

  /** spec: UpdateAccountPasswordPolicy: MinimumPasswordLength defaults to 6 when not given. */
  public static final int DEFAULT_MINIMUM_LENGTH = 6;

  /** spec: PasswordPolicy.ExpirePasswords: true when MaxPasswordAge is greater than 0. */
  public boolean expirePasswords() {
    return maxPasswordAge > 0;
  }
}
