package dev.gatehouse.core.password;

import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Whether a new console password satisfies the account's password policy, or AWS's default policy
 * when the account has none.
 *
 * <p>spec: IAM User Guide, "Set an account password policy for IAM users": without a custom policy
 * a password must have 8 to 128 characters and at least three of upper-case letters, lower-case
 * letters, numbers and the symbols {@code ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '}; a custom policy
 * replaces that with its own length and character requirements. Violations are {@code
 * PasswordPolicyViolation} (HTTP 400).
 */
public final class PasswordRules {
  /** spec: PasswordPolicy.RequireSymbols: the symbols that count. */
  public static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

  /** The default policy's minimum length. */
  public static final int DEFAULT_POLICY_MINIMUM_LENGTH = 8;

  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";

  /** Symbols for generated passwords: none that INI files or shells treat specially. */
  private static final String GENERATED_SYMBOLS = "!@^*()_+-=[]{}";

  private static final int GENERATED_LENGTH = 24;

  private PasswordRules() {}

  /** Throws {@code PasswordPolicyViolation} when {@code password} breaks the policy. */
  public static void check(String password, Optional<PasswordPolicy> policy) {
    if (policy.isEmpty()) {
      int kinds =
          (has(password, UPPER) ? 1 : 0)
              + (has(password, LOWER) ? 1 : 0)
              + (has(password, DIGITS) ? 1 : 0)
              + (has(password, SYMBOLS) ? 1 : 0);
      if (password.length() < DEFAULT_POLICY_MINIMUM_LENGTH || kinds < 3) {
        throw violation("Password does not conform to the account password policy.");
      }
      return;
    }
    PasswordPolicy p = policy.get();
    if (password.length() < p.minimumPasswordLength()) {
      throw violation("Password should have a minimum length of " + p.minimumPasswordLength());
    }
    if (p.requireLowercaseCharacters() && !has(password, LOWER)) {
      throw violation("Password should have at least one lowercase letter");
    }
    if (p.requireUppercaseCharacters() && !has(password, UPPER)) {
      throw violation("Password should have at least one uppercase letter");
    }
    if (p.requireNumbers() && !has(password, DIGITS)) {
      throw violation("Password should have at least one number");
    }
    if (p.requireSymbols() && !has(password, SYMBOLS)) {
      throw violation("Password should have at least one symbol");
    }
  }

  /** The refusal of a password that matches one of the last {@code n} (PasswordReusePrevention). */
  public static GatehouseException reused(int n) {
    return violation("Password should not be one of your last " + n + " passwords");
  }

  static GatehouseException violation(String message) {
    return new GatehouseException(ErrorCode.PASSWORD_POLICY_VIOLATION, message);
  }

  /**
   * A random password of 24 characters with upper- and lower-case letters, digits and symbols (it
   * satisfies every policy whose minimum length is at most 24); about 145 bits of entropy.
   */
  public static String generate(SecureRandom random) {
    String all = UPPER + LOWER + DIGITS + GENERATED_SYMBOLS;
    while (true) {
      StringBuilder b = new StringBuilder(GENERATED_LENGTH);
      for (int i = 0; i < GENERATED_LENGTH; i++) {
        b.append(all.charAt(random.nextInt(all.length())));
      }
      String candidate = b.toString();
      if (has(candidate, UPPER)
          && has(candidate, LOWER)
          && has(candidate, DIGITS)
          && has(candidate, SYMBOLS)) {
        return candidate;
      }
    }
  }

  private static boolean has(String password, String kind) {
    for (int i = 0; i < password.length(); i++) {
      if (kind.indexOf(password.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
