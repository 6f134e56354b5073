package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.password.PasswordRules;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Console passwords of IAM users and the account password policy. spec: IAM API Reference,
 * CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile,
 * GetAccountPasswordPolicy, UpdateAccountPasswordPolicy, DeleteAccountPasswordPolicy.
 *
 * <p>Passwords are hashed ({@link dev.gatehouse.core.password.PasswordHasher}) before they reach
 * the store; no result carries a password or a hash. ChangePassword, which checks the old password,
 * is {@link ConsoleSignIn#changePassword}.
 */
public final class LoginProfiles {
  /** spec: UpdateAccountPasswordPolicy ranges. */
  public static final int MIN_LENGTH_FLOOR = 6;

  public static final int MIN_LENGTH_CEILING = 128;
  public static final int MAX_AGE_CEILING = 1095;
  public static final int REUSE_CEILING = 24;

  private final IamContext ctx;

  LoginProfiles(IamContext ctx) {
    this.ctx = ctx;
  }

  /** What GetLoginProfile and CreateLoginProfile answer: never the password. */
  public record LoginProfileView(
      String userName, Instant createDate, boolean passwordResetRequired) {
    public LoginProfileView {
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(createDate, "createDate");
    }
  }

  /**
   * UpdateAccountPasswordPolicy's parameters; an absent one takes AWS's default (spec: "If you do
   * not specify a value for this parameter, then the operation uses the default value").
   */
  public record PolicyRequest(
      Optional<Integer> minimumPasswordLength,
      boolean requireSymbols,
      boolean requireNumbers,
      boolean requireUppercaseCharacters,
      boolean requireLowercaseCharacters,
      boolean allowUsersToChangePassword,
      Optional<Integer> maxPasswordAge,
      Optional<Integer> passwordReusePrevention,
      boolean hardExpiry) {
    public PolicyRequest {
      Objects.requireNonNull(minimumPasswordLength, "minimumPasswordLength");
      Objects.requireNonNull(maxPasswordAge, "maxPasswordAge");
      Objects.requireNonNull(passwordReusePrevention, "passwordReusePrevention");
    }
  }

  public LoginProfileView create(
      String accountId, String userName, String password, boolean passwordResetRequired) {
    Validation.name("userName", userName, 64);
    password("password", password);
    Optional<PasswordPolicy> policy = ctx.read(tx -> tx.passwords().passwordPolicy(accountId));
    PasswordRules.check(password, policy);
    // Hashed outside the write transaction: the slow part must not hold the single writer.
    String hash = ctx.hasher().hash(password);
    return ctx.write(
        accountId,
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          // The policy may have changed meanwhile; check again against the committed one.
          PasswordRules.check(password, tx.passwords().passwordPolicy(accountId));
          LoginProfile p = LoginProfile.created(u.id(), hash, ctx.now(), passwordResetRequired);
          IamRules.createLoginProfile(tx, u, p);
          return new LoginProfileView(u.name(), p.createDate(), p.passwordResetRequired());
        });
  }

  public LoginProfileView get(String accountId, String userName) {
    Validation.name("userName", userName, 64);
    return ctx.read(
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          LoginProfile p =
              tx.passwords()
                  .loginProfile(u.id())
                  .orElseThrow(() -> IamErrors.noSuchLoginProfile(u.name()));
          return new LoginProfileView(u.name(), p.createDate(), p.passwordResetRequired());
        });
  }

  /**
   * UpdateLoginProfile: a new password (checked against the policy) and/or the reset flag; what is
   * absent is kept.
   */
  public void update(
      String accountId,
      String userName,
      Optional<String> password,
      Optional<Boolean> passwordResetRequired) {
    Validation.name("userName", userName, 64);
    if (password.isPresent()) {
      password("password", password.get());
      PasswordRules.check(password.get(), ctx.read(tx -> tx.passwords().passwordPolicy(accountId)));
    }
    Optional<String> hash = password.map(ctx.hasher()::hash);
    ctx.write(
        accountId,
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          LoginProfile p =
              tx.passwords()
                  .loginProfile(u.id())
                  .orElseThrow(() -> IamErrors.noSuchLoginProfile(u.name()));
          boolean reset = passwordResetRequired.orElse(p.passwordResetRequired());
          if (hash.isPresent()) {
            PasswordRules.check(password.get(), tx.passwords().passwordPolicy(accountId));
            tx.passwords().updateLoginProfile(p.withPassword(hash.get(), ctx.now(), reset));
          } else {
            tx.passwords().updateLoginProfile(p.withResetRequired(reset));
          }
          return null;
        });
  }

  public void delete(String accountId, String userName) {
    Validation.name("userName", userName, 64);
    ctx.write(
        accountId,
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          if (!tx.passwords().deleteLoginProfile(u.id())) {
            throw IamErrors.noSuchLoginProfile(u.name());
          }
          return null;
        });
  }

  public PasswordPolicy getAccountPasswordPolicy(String accountId) {
    return ctx.read(tx -> tx.passwords().passwordPolicy(accountId))
        .orElseThrow(() -> IamErrors.noPasswordPolicy(accountId));
  }

  /** The account's password policy, if it has one (for the console and ChangePassword). */
  public Optional<PasswordPolicy> passwordPolicy(String accountId) {
    return ctx.read(tx -> tx.passwords().passwordPolicy(accountId));
  }

  public PasswordPolicy updateAccountPasswordPolicy(String accountId, PolicyRequest r) {
    int minLength = r.minimumPasswordLength().orElse(PasswordPolicy.DEFAULT_MINIMUM_LENGTH);
    range("minimumPasswordLength", minLength, MIN_LENGTH_FLOOR, MIN_LENGTH_CEILING);
    r.maxPasswordAge().ifPresent(v -> range("maxPasswordAge", v, 1, MAX_AGE_CEILING));
    r.passwordReusePrevention()
        .ifPresent(v -> range("passwordReusePrevention", v, 1, REUSE_CEILING));
    PasswordPolicy policy =
        new PasswordPolicy(
            minLength,
            r.requireSymbols(),
            r.requireNumbers(),
            r.requireUppercaseCharacters(),
            r.requireLowercaseCharacters(),
            r.allowUsersToChangePassword(),
            r.maxPasswordAge().orElse(0),
            r.passwordReusePrevention().orElse(0),
            r.hardExpiry());
    ctx.write(
        accountId,
        tx -> {
          IamRules.requireAccount(tx, accountId);
          tx.passwords().putPasswordPolicy(accountId, policy);
          return null;
        });
    return policy;
  }

  public void deleteAccountPasswordPolicy(String accountId) {
    ctx.write(
        accountId,
        tx -> {
          if (!tx.passwords().deletePasswordPolicy(accountId)) {
            throw IamErrors.noPasswordPolicy(accountId);
          }
          return null;
        });
  }

  private static void range(String param, int value, int min, int max) {
    if (value < min) {
      throw Validation.error(
          param, Integer.toString(value), "have value greater than or equal to " + min);
    }
    if (value > max) {
      throw Validation.error(
          param, Integer.toString(value), "have value less than or equal to " + max);
    }
  }

  /**
   * spec: passwordType: 1-128 characters, each a tab, line feed, carriage return or U+0020 to
   * U+00FF. The value is sensitive, so the error names the parameter but never echoes it.
   */
  static void password(String param, String value) {
    String constraint = null;
    if (value.isEmpty()) {
      constraint = "have length greater than or equal to 1";
    } else if (value.length() > 128) {
      constraint = "have length less than or equal to 128";
    } else {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF))) {
          constraint =
              "satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
          break;
        }
      }
    }
    if (constraint != null) {
      throw GatehouseException.validation(
          "1 validation error detected: Value at '"
              + param
              + "' failed to satisfy constraint: Member must "
              + constraint);
    }
  }
}
