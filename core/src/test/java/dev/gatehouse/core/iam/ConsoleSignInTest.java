package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.iam.ConsoleSignIn.Outcome;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.password.SignInThrottle;
import dev.gatehouse.core.store.MemoryStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSignInTest {
  private static final String PASSWORD = "Bobs-pass-1";
  private static final String ROOT_PASSWORD = "Root-pass-1";
  private static final String HERE = "192.0.2.10";
  private static final String ATTACKER = "203.0.113.66";

  /** A clock the test moves. */
  static final class StepClock extends Clock {
    Instant now = IamTestKit.NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final StepClock clock = new StepClock();
  private final MemoryStore store = new MemoryStore();
  private final IamTestKit kit = new IamTestKit(store, clock, IamTestKit.fastHasher());
  private final IamServices iam = kit.iam;
  private final ConsoleSignIn signIn = iam.consoleSignIn();

  ConsoleSignInTest() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("Bob"));
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("carol"));
    iam.loginProfiles().create(ACCOUNT, "Bob", PASSWORD, false);
    iam.accounts().createAccountAlias(ACCOUNT, "acme");
    String rootHash = iam.context().hasher().hash(ROOT_PASSWORD);
    store.write(
        tx -> {
          tx.passwords().setRootPasswordHash(ACCOUNT, rootHash);
          return null;
        });
  }

  private Outcome user(String account, String name, String password) {
    return signIn.signIn(account, Optional.of(name), password, HERE);
  }

  private Outcome root(String account, String password) {
    return signIn.signIn(account, Optional.empty(), password, HERE);
  }

  /** Fails {@code n} times from {@code source}, waiting out every slow-down. */
  private void guess(String account, Optional<String> name, String source, int n) {
    for (int i = 0; i < n; i++) {
      Outcome o = signIn.signIn(account, name, "wrong-" + i, source);
      if (o instanceof Outcome.Throttled t) {
        clock.now = clock.now.plus(t.retryAfter());
        i--;
      } else {
        assertThat(o).isEqualTo(new Outcome.Refused());
      }
    }
  }

  @Test
  void usersAndRootSignInByAccountIdOrAlias() {
    Outcome bob = new Outcome.SignedIn(ACCOUNT, Optional.of("Bob"), false);
    assertThat(user(ACCOUNT, "Bob", PASSWORD)).isEqualTo(bob);
    assertThat(user("acme", "bob", PASSWORD)).isEqualTo(bob);
    assertThat(user("ACME", "BOB", PASSWORD)).isEqualTo(bob);
    assertThat(root(ACCOUNT, ROOT_PASSWORD))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.empty(), false));
    assertThat(root("acme", ROOT_PASSWORD))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.empty(), false));
  }

  @Test
  void everyKindOfFailureGetsTheSameRefusal() {
    Outcome refused = new Outcome.Refused();
    assertThat(user(ACCOUNT, "Bob", "Bobs-pass-2")).isEqualTo(refused);
    assertThat(user(ACCOUNT, "Bob", "")).isEqualTo(refused);
    assertThat(user(ACCOUNT, "nobody", PASSWORD)).isEqualTo(refused);
    assertThat(user(ACCOUNT, "carol", PASSWORD)).isEqualTo(refused);
    assertThat(user(ACCOUNT, "", PASSWORD)).isEqualTo(refused);
    assertThat(user("999999999999", "Bob", PASSWORD)).isEqualTo(refused);
    assertThat(user("no-such-alias", "Bob", PASSWORD)).isEqualTo(refused);
    assertThat(root(ACCOUNT, PASSWORD)).isEqualTo(refused);
    assertThat(root("999999999999", ROOT_PASSWORD)).isEqualTo(refused);
    // Bob's password is not the root's and the root's is not Bob's.
    assertThat(user(ACCOUNT, "Bob", ROOT_PASSWORD)).isEqualTo(refused);
    assertThat(ConsoleSignIn.REFUSED_MESSAGE)
        .isEqualTo("Your authentication information is incorrect. Please try again.");
  }

  @Test
  void unknownUsersCostAsMuchWorkAsWrongPasswords() {
    PasswordHasher counted = new PasswordHasher(2_000, new SecureRandom());
    IamTestKit countedKit = new IamTestKit(new MemoryStore(), clock, counted);
    countedKit.iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("Bob"));
    countedKit.iam.loginProfiles().create(ACCOUNT, "Bob", PASSWORD, false);
    ConsoleSignIn s = countedKit.iam.consoleSignIn();
    // Work, not time: every refusal runs exactly one full-cost derivation.
    List<Long> costs = new ArrayList<>();
    for (String[] attempt :
        new String[][] {{ACCOUNT, "Bob"}, {ACCOUNT, "ghost"}, {"999999999999", "Bob"}}) {
      long before = counted.iterationsRun();
      assertThat(s.signIn(attempt[0], Optional.of(attempt[1]), "wrong-1A", HERE))
          .isEqualTo(new Outcome.Refused());
      costs.add(counted.iterationsRun() - before);
    }
    assertThat(costs).containsOnly((long) counted.iterations());
  }

  @Test
  void aSlowedDownAttemptCostsNoDerivationForKnownAndUnknownNamesAlike() {
    PasswordHasher counted = new PasswordHasher(2_000, new SecureRandom());
    IamTestKit countedKit = new IamTestKit(new MemoryStore(), clock, counted);
    countedKit.iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("Bob"));
    countedKit.iam.loginProfiles().create(ACCOUNT, "Bob", PASSWORD, false);
    ConsoleSignIn s = countedKit.iam.consoleSignIn();
    List<Long> costs = new ArrayList<>();
    for (String name : List.of("Bob", "ghost")) {
      for (int i = 0; i < SignInThrottle.PER_NAME.freeFailures(); i++) {
        s.signIn(ACCOUNT, Optional.of(name), "wrong-1A", ATTACKER);
      }
      long before = counted.iterationsRun();
      assertThat(s.signIn(ACCOUNT, Optional.of(name), PASSWORD, ATTACKER))
          .isEqualTo(new Outcome.Throttled(Duration.ofSeconds(1)));
      costs.add(counted.iterationsRun() - before);
    }
    assertThat(costs).containsExactly(0L, 0L);
  }

  @Test
  void guessesAtTheRootSlowDownTheGuesserButNeverLockTheRootOut() {
    guess(ACCOUNT, Optional.empty(), ATTACKER, 300);
    // The guesser must wait, even with the right password...
    Outcome slowed = signIn.signIn(ACCOUNT, Optional.empty(), ROOT_PASSWORD, ATTACKER);
    assertThat(slowed).isInstanceOf(Outcome.Throttled.class);
    assertThat(((Outcome.Throttled) slowed).retryAfter())
        .isPositive()
        .isLessThanOrEqualTo(SignInThrottle.PER_NAME.maxDelay());
    // ...through the alias too, while the root user, from its own address, signs in at once.
    assertThat(signIn.signIn("ACME", Optional.empty(), ROOT_PASSWORD, ATTACKER))
        .isInstanceOf(Outcome.Throttled.class);
    assertThat(root(ACCOUNT, ROOT_PASSWORD))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.empty(), false));
    assertThat(user(ACCOUNT, "Bob", PASSWORD)).isInstanceOf(Outcome.SignedIn.class);
    assertThat(ConsoleSignIn.throttledMessage(Duration.ofSeconds(8)))
        .isEqualTo("Too many failed sign-in attempts. Wait 8 seconds before you try again.");
    assertThat(ConsoleSignIn.throttledMessage(Duration.ofSeconds(1))).contains("Wait 1 second ");

    // Once the wait is over, the guesser's next attempt is checked again (and may succeed).
    clock.now = clock.now.plus(((Outcome.Throttled) slowed).retryAfter());
    assertThat(signIn.signIn(ACCOUNT, Optional.empty(), ROOT_PASSWORD, ATTACKER))
        .isInstanceOf(Outcome.SignedIn.class);
  }

  @Test
  void unknownNamesAreSlowedDownLikeKnownOnes() {
    for (int i = 0; i < SignInThrottle.PER_NAME.freeFailures(); i++) {
      signIn.signIn(ACCOUNT, Optional.of("ghost"), "x", ATTACKER);
      signIn.signIn("999999999999", Optional.empty(), "x", ATTACKER);
    }
    Outcome wait = new Outcome.Throttled(Duration.ofSeconds(1));
    assertThat(signIn.signIn(ACCOUNT, Optional.of("ghost"), "x", ATTACKER)).isEqualTo(wait);
    assertThat(signIn.signIn("999999999999", Optional.empty(), "x", ATTACKER)).isEqualTo(wait);
    assertThat(signIn.signIn(ACCOUNT, Optional.of("Bob"), PASSWORD, ATTACKER))
        .isInstanceOf(Outcome.SignedIn.class);
  }

  @Test
  void wrongCodesSlowDownTheNextPasswordAttemptFromThatSource() {
    for (int i = 0; i < SignInThrottle.PER_NAME.freeFailures(); i++) {
      signIn.codeRefused(ACCOUNT, Optional.empty(), ATTACKER);
    }
    assertThat(signIn.signIn(ACCOUNT, Optional.empty(), ROOT_PASSWORD, ATTACKER))
        .isEqualTo(new Outcome.Throttled(Duration.ofSeconds(1)));
    assertThat(root(ACCOUNT, ROOT_PASSWORD)).isInstanceOf(Outcome.SignedIn.class);
  }

  @Test
  void resetRequiredAndExpiredPasswordsAskForANewOne() {
    iam.loginProfiles().update(ACCOUNT, "Bob", Optional.empty(), Optional.of(true));
    assertThat(user(ACCOUNT, "Bob", PASSWORD))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.of("Bob"), true));
    signIn.changePassword(ACCOUNT, "bob", PASSWORD, "Bobs-pass-2", HERE);
    assertThat(user(ACCOUNT, "Bob", "Bobs-pass-2"))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.of("Bob"), false));
    assertThat(user(ACCOUNT, "Bob", PASSWORD)).isEqualTo(new Outcome.Refused());

    iam.loginProfiles().updateAccountPasswordPolicy(ACCOUNT, policy(Optional.of(30), false));
    clock.now = clock.now.plus(Duration.ofDays(30)).minusMillis(1);
    assertThat(user(ACCOUNT, "Bob", "Bobs-pass-2"))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.of("Bob"), false));
    clock.now = clock.now.plusMillis(1);
    assertThat(user(ACCOUNT, "Bob", "Bobs-pass-2"))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.of("Bob"), true));
    // The root user's password does not expire under the IAM user password policy.
    assertThat(root(ACCOUNT, ROOT_PASSWORD))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.empty(), false));

    // With HardExpiry the expired user cannot sign in until an administrator resets it.
    iam.loginProfiles().updateAccountPasswordPolicy(ACCOUNT, policy(Optional.of(30), true));
    assertThat(user(ACCOUNT, "Bob", "Bobs-pass-2")).isEqualTo(new Outcome.Refused());
    iam.loginProfiles().update(ACCOUNT, "Bob", Optional.of("Bobs-pass-3"), Optional.empty());
    assertThat(user(ACCOUNT, "Bob", "Bobs-pass-3"))
        .isEqualTo(new Outcome.SignedIn(ACCOUNT, Optional.of("Bob"), false));
  }

  private static LoginProfiles.PolicyRequest policy(Optional<Integer> maxAge, boolean hardExpiry) {
    return new LoginProfiles.PolicyRequest(
        Optional.empty(), false, false, false, false, true, maxAge, Optional.empty(), hardExpiry);
  }

  @Test
  void changePasswordFailuresAreSlowedDownToo() {
    for (int i = 0; i < SignInThrottle.PER_NAME.freeFailures() + 1; i++) {
      IamTestKit.fails(
          ErrorCode.ACCESS_DENIED,
          "The old password is incorrect.",
          () -> signIn.changePassword(ACCOUNT, "Bob", "Wrong-pass-1", "Bobs-pass-2", ATTACKER));
      clock.now = clock.now.plusSeconds(1);
    }
    IamTestKit.fails(
        ErrorCode.LIMIT_EXCEEDED,
        "Too many failed attempts to verify the password of user Bob. Wait 1 second before you"
            + " try again.",
        () -> signIn.changePassword(ACCOUNT, "Bob", PASSWORD, "Bobs-pass-2", ATTACKER));
    assertThat(signIn.signIn(ACCOUNT, Optional.of("Bob"), PASSWORD, ATTACKER))
        .isInstanceOf(Outcome.Throttled.class);
    // Bob himself, from elsewhere, is not held up.
    signIn.changePassword(ACCOUNT, "Bob", PASSWORD, "Bobs-pass-2", HERE);
    assertThat(user(ACCOUNT, "Bob", "Bobs-pass-2")).isInstanceOf(Outcome.SignedIn.class);
  }

  @Test
  void aHashMadeAtALowerCostIsReplacedAtTheNextSignIn() {
    PasswordHasher stronger = new PasswordHasher(2_000, new SecureRandom());
    IamServices upgraded =
        IamServices.builder(
                store,
                clock,
                iam.context().ids(),
                kit.keyRing,
                new EnginePolicyValidator(),
                ManagedPolicyCatalogue.bundled(),
                IamChangeListener.none())
            .hasher(stronger)
            .build();
    String bobId = store.read(tx -> tx.users().user(ACCOUNT, "Bob")).orElseThrow().id();
    String before =
        store.read(tx -> tx.passwords().loginProfile(bobId)).orElseThrow().passwordHash();
    assertThat(before).startsWith("pbkdf2-sha256$1000$");
    assertThat(upgraded.consoleSignIn().signIn(ACCOUNT, Optional.of("Bob"), PASSWORD, HERE))
        .isInstanceOf(Outcome.SignedIn.class);
    assertThat(upgraded.consoleSignIn().signIn(ACCOUNT, Optional.empty(), ROOT_PASSWORD, HERE))
        .isInstanceOf(Outcome.SignedIn.class);
    var after = store.read(tx -> tx.passwords().loginProfile(bobId)).orElseThrow();
    assertThat(after.passwordHash()).startsWith("pbkdf2-sha256$2000$");
    assertThat(after.passwordHistory()).isEmpty();
    assertThat(store.read(tx -> tx.passwords().rootPasswordHash(ACCOUNT)).orElseThrow())
        .startsWith("pbkdf2-sha256$2000$");
    // Still the same password.
    assertThat(signIn.signIn(ACCOUNT, Optional.of("Bob"), PASSWORD, HERE))
        .isInstanceOf(Outcome.SignedIn.class);
  }

  @Test
  void profilesAndPoliciesReadBackWithoutSecrets() {
    LoginProfiles.LoginProfileView view = iam.loginProfiles().get(ACCOUNT, "bob");
    assertThat(view.userName()).isEqualTo("Bob");
    assertThat(view.createDate()).isEqualTo(IamTestKit.NOW);
    assertThat(view.passwordResetRequired()).isFalse();
    String bobId = store.read(tx -> tx.users().user(ACCOUNT, "Bob")).orElseThrow().id();
    var stored = store.read(tx -> tx.passwords().loginProfile(bobId)).orElseThrow();
    assertThat(stored.toString()).doesNotContain(stored.passwordHash()).doesNotContain("pbkdf2");
    assertThat(iam.loginProfiles().passwordPolicy(ACCOUNT)).isEmpty();

    PasswordPolicy set =
        iam.loginProfiles()
            .updateAccountPasswordPolicy(
                ACCOUNT,
                new LoginProfiles.PolicyRequest(
                    Optional.of(12),
                    true,
                    true,
                    true,
                    true,
                    true,
                    Optional.of(90),
                    Optional.of(5),
                    true));
    assertThat(set).isEqualTo(new PasswordPolicy(12, true, true, true, true, true, 90, 5, true));
    assertThat(iam.loginProfiles().getAccountPasswordPolicy(ACCOUNT)).isEqualTo(set);
    assertThat(set.expirePasswords()).isTrue();
    iam.loginProfiles().deleteAccountPasswordPolicy(ACCOUNT);
    assertThat(iam.loginProfiles().passwordPolicy(ACCOUNT)).isEmpty();
  }
}
