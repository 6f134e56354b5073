package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.password.PasswordRules;
import dev.gatehouse.core.password.SignInThrottle;
import dev.gatehouse.core.store.ReadTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link ConsoleSignIn} over the store: IAM users through their login profile, the root user
 * through the account's root password.
 *
 * <p>Every refusal costs one password-hash derivation, whether or not the account, the user or a
 * console password exists, so neither the answer nor its timing tells which names exist. Failures
 * are counted per account, user name and source by a {@link SignInThrottle} (in this node's
 * memory); an attempt it slows down costs no derivation, for known and unknown names alike.
 */
final class LoginProfilesSignIn implements ConsoleSignIn {
  private final IamContext ctx;
  private final SignInThrottle throttle;

  LoginProfilesSignIn(IamContext ctx) {
    this.ctx = ctx;
    this.throttle = new SignInThrottle(ctx.clock());
  }

  /** What the store holds for one sign-in name; empty hash when nothing can match. */
  private record Candidate(
      Optional<String> accountId,
      Optional<User> user,
      Optional<LoginProfile> profile,
      Optional<String> hash,
      Optional<PasswordPolicy> policy) {}

  @Override
  public Outcome signIn(String account, Optional<String> userName, String password, String source) {
    Candidate c = ctx.read(tx -> candidate(tx, account, userName));
    SignInThrottle.Admission admission =
        throttle.admit(
            new SignInThrottle.Attempt(c.accountId().orElse(account), userName.orElse(""), source));
    if (admission instanceof SignInThrottle.Admission.Wait wait) {
      return new Outcome.Throttled(wait.retryAfter());
    }
    // From here the attempt counts as failed unless the password matches.
    PasswordHasher hasher = ctx.hasher();
    if (c.hash().isEmpty()) {
      hasher.burn(password);
      return new Outcome.Refused();
    }
    if (!hasher.verify(password, c.hash().get())) {
      return new Outcome.Refused();
    }
    throttle.succeeded((SignInThrottle.Admission.Admitted) admission);
    String accountId = c.accountId().orElseThrow();
    if (c.user().isEmpty()) {
      if (hasher.needsRehash(c.hash().get())) {
        String fresh = hasher.hash(password);
        ctx.write(
            accountId,
            tx -> {
              tx.passwords().setRootPasswordHash(accountId, fresh);
              return null;
            });
      }
      return new Outcome.SignedIn(accountId, Optional.empty(), false);
    }
    User user = c.user().get();
    LoginProfile profile = c.profile().orElseThrow();
    boolean expired = expired(profile, c.policy());
    if (expired && c.policy().orElseThrow().hardExpiry()) {
      // spec: PasswordPolicy.HardExpiry: "The IAM user cannot access the console until an
      // administrator resets the password."
      return new Outcome.Refused();
    }
    if (hasher.needsRehash(profile.passwordHash())) {
      rehash(accountId, profile, hasher.hash(password));
    }
    return new Outcome.SignedIn(
        accountId, Optional.of(user.name()), profile.passwordResetRequired() || expired);
  }

  private Candidate candidate(ReadTransaction tx, String account, Optional<String> userName) {
    Optional<String> accountId = resolveAccount(tx, account);
    if (accountId.isEmpty()) {
      return new Candidate(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
    if (userName.isEmpty()) {
      return new Candidate(
          accountId,
          Optional.empty(),
          Optional.empty(),
          tx.passwords().rootPasswordHash(accountId.get()),
          Optional.empty());
    }
    Optional<User> user =
        userName.get().isEmpty()
            ? Optional.empty()
            : tx.users().user(accountId.get(), userName.get());
    Optional<LoginProfile> profile = user.flatMap(u -> tx.passwords().loginProfile(u.id()));
    return new Candidate(
        accountId,
        user,
        profile,
        profile.map(LoginProfile::passwordHash),
        tx.passwords().passwordPolicy(accountId.get()));
  }

  /** A 12-digit account id that exists, or an account alias. */
  private static Optional<String> resolveAccount(ReadTransaction tx, String account) {
    if (account.matches("[0-9]{12}")) {
      return tx.accounts().account(account).map(Account::id);
    }
    String alias = account.toLowerCase(java.util.Locale.ROOT);
    for (Account a : tx.accounts().all()) {
      if (tx.accounts().accountAlias(a.id()).filter(alias::equals).isPresent()) {
        return Optional.of(a.id());
      }
    }
    return Optional.empty();
  }

  /** spec: PasswordPolicy.MaxPasswordAge: days a password is valid from when it was set. */
  private boolean expired(LoginProfile profile, Optional<PasswordPolicy> policy) {
    if (policy.isEmpty() || !policy.get().expirePasswords()) {
      return false;
    }
    Instant expiry =
        profile.passwordChangedAt().plus(Duration.ofDays(policy.get().maxPasswordAge()));
    return !ctx.clock().instant().isBefore(expiry);
  }

  /** Replaces a hash made at a lower cost; the password, its date and history stay. */
  private void rehash(String accountId, LoginProfile profile, String fresh) {
    ctx.write(
        accountId,
        tx -> {
          tx.passwords()
              .loginProfile(profile.userId())
              .filter(current -> current.passwordHash().equals(profile.passwordHash()))
              .ifPresent(
                  current ->
                      tx.passwords()
                          .updateLoginProfile(
                              new LoginProfile(
                                  current.userId(),
                                  fresh,
                                  current.createDate(),
                                  current.passwordChangedAt(),
                                  current.passwordResetRequired(),
                                  current.passwordHistory())));
          return null;
        });
  }

  @Override
  public void codeRefused(String accountId, Optional<String> userName, String source) {
    throttle.failed(new SignInThrottle.Attempt(accountId, userName.orElse(""), source));
  }

  @Override
  public void changePassword(
      String accountId, String userName, String oldPassword, String newPassword, String source) {
    if (userName.isEmpty()) {
      throw new GatehouseException(
          ErrorCode.INVALID_USER_TYPE,
          "Only IAM users can change their own password with ChangePassword; the root user's"
              + " password is not affected by this operation.");
    }
    LoginProfiles.password("oldPassword", oldPassword);
    LoginProfiles.password("newPassword", newPassword);
    Candidate c = ctx.read(tx -> candidate(tx, accountId, Optional.of(userName)));
    User user = c.user().orElseThrow(() -> IamErrors.noSuchUser(userName));
    LoginProfile profile = c.profile().orElseThrow(() -> IamErrors.noSuchLoginProfile(user.name()));
    SignInThrottle.Admission admission =
        throttle.admit(new SignInThrottle.Attempt(accountId, userName, source));
    if (admission instanceof SignInThrottle.Admission.Wait wait) {
      long seconds = wait.retryAfter().toSeconds();
      throw GatehouseException.limitExceeded(
          "Too many failed attempts to verify the password of user "
              + user.name()
              + ". Wait "
              + seconds
              + (seconds == 1 ? " second" : " seconds")
              + " before you try again.");
    }
    PasswordHasher hasher = ctx.hasher();
    if (!hasher.verify(oldPassword, profile.passwordHash())) {
      throw new GatehouseException(ErrorCode.ACCESS_DENIED, "The old password is incorrect.");
    }
    throttle.succeeded((SignInThrottle.Admission.Admitted) admission);
    PasswordRules.check(newPassword, c.policy());
    int reuse = c.policy().map(PasswordPolicy::passwordReusePrevention).orElse(0);
    if (reuse > 0) {
      boolean used = hasher.verify(newPassword, profile.passwordHash());
      for (int i = 0; !used && i < Math.min(reuse - 1, profile.passwordHistory().size()); i++) {
        used = hasher.verify(newPassword, profile.passwordHistory().get(i));
      }
      if (used) {
        throw PasswordRules.reused(reuse);
      }
    }
    String hash = hasher.hash(newPassword);
    ctx.write(
        accountId,
        tx -> {
          LoginProfile current =
              tx.passwords()
                  .loginProfile(user.id())
                  .orElseThrow(() -> IamErrors.noSuchLoginProfile(user.name()));
          if (!current.passwordHash().equals(profile.passwordHash())) {
            // Changed by someone else since the old password was checked.
            throw new GatehouseException(
                ErrorCode.ENTITY_TEMPORARILY_UNMODIFIABLE,
                "The password of user "
                    + user.name()
                    + " was changed by another request. Try again.");
          }
          PasswordRules.check(newPassword, tx.passwords().passwordPolicy(accountId));
          tx.passwords().updateLoginProfile(current.withPassword(hash, ctx.now(), false));
          return null;
        });
  }
}
