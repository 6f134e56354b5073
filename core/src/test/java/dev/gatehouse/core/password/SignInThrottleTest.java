package dev.gatehouse.core.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.password.SignInThrottle.Admission;
import dev.gatehouse.core.password.SignInThrottle.Attempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  /** A clock the test moves. */
  static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-05-06T07:08:09Z");

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

  private static final String ATTACKER = "203.0.113.9";
  private static final String OWNER = "198.51.100.20";

  private final StepClock clock = new StepClock();
  private final SignInThrottle throttle = new SignInThrottle(clock);

  private static Attempt root(String source) {
    return new Attempt("123456789012", "", source);
  }

  /** One attempt that turns out wrong; the answer to it. */
  private Admission fail(Attempt a) {
    return throttle.admit(a);
  }

  /** Fails as soon as allowed, {@code n} times, moving the clock past every wait. */
  private void failRepeatedly(Attempt a, int n) {
    for (int i = 0; i < n; i++) {
      Admission answer = throttle.admit(a);
      if (answer instanceof Admission.Wait w) {
        clock.now = clock.now.plus(w.retryAfter());
        i--;
      }
    }
  }

  @Test
  void theAttackersSourceIsSlowedAndTheOwnersRightPasswordStillGoesThrough() {
    failRepeatedly(root(ATTACKER), 200);
    assertThat(throttle.admit(root(ATTACKER))).isInstanceOf(Admission.Wait.class);
    // The owner, from another address, is admitted at once and the success is forgiven.
    Admission owner = throttle.admit(root(OWNER));
    assertThat(owner).isInstanceOf(Admission.Admitted.class);
    throttle.succeeded((Admission.Admitted) owner);
    for (int i = 0; i < 10; i++) {
      Admission again = throttle.admit(root(OWNER));
      assertThat(again).isInstanceOf(Admission.Admitted.class);
      throttle.succeeded((Admission.Admitted) again);
    }
  }

  @Test
  void keysAreAccountUserAndSourceWithNamesCaseInsensitive() {
    Attempt bob = new Attempt("123456789012", "Bob", ATTACKER);
    for (int i = 0; i < SignInThrottle.PER_NAME.freeFailures() - 1; i++) {
      assertThat(fail(bob)).isInstanceOf(Admission.Admitted.class);
    }
    assertThat(fail(bob)).isInstanceOf(Admission.Admitted.class);
    assertThat(throttle.admit(new Attempt("123456789012", "BOB", ATTACKER)))
        .isEqualTo(new Admission.Wait(Duration.ofSeconds(1)));
    // Another name, another account, the root user, another source: not slowed down.
    assertThat(throttle.admit(new Attempt("123456789012", "alice", ATTACKER)))
        .isInstanceOf(Admission.Admitted.class);
    assertThat(throttle.admit(new Attempt("210987654321", "Bob", ATTACKER)))
        .isInstanceOf(Admission.Admitted.class);
    assertThat(throttle.admit(root(ATTACKER))).isInstanceOf(Admission.Admitted.class);
    assertThat(throttle.admit(new Attempt("123456789012", "Bob", OWNER)))
        .isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void theDelayDoublesAfterTheFreeFailuresAndIsCapped() {
    SignInThrottle.Limit limit = SignInThrottle.PER_NAME;
    List<Duration> waits = new ArrayList<>();
    Attempt a = root(ATTACKER);
    for (int i = 0; i < limit.freeFailures() + 14; i++) {
      assertThat(fail(a)).isInstanceOf(Admission.Admitted.class);
      Duration wait = throttle.waitFor(a);
      waits.add(wait);
      clock.now = clock.now.plus(wait);
    }
    assertThat(waits.subList(0, limit.freeFailures() - 1)).containsOnly(Duration.ZERO);
    assertThat(waits.subList(limit.freeFailures() - 1, limit.freeFailures() + 5))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(32));
    assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(limit.maxDelay()));
    assertThat(waits.get(waits.size() - 1)).isEqualTo(Duration.ofMinutes(5));
    // A wait is measured from the last failure; attempts during it change nothing.
    assertThat(fail(a)).isInstanceOf(Admission.Admitted.class);
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    assertThat(throttle.admit(a)).isEqualTo(new Admission.Wait(Duration.ofMinutes(1)));
    assertThat(throttle.admit(a)).isEqualTo(new Admission.Wait(Duration.ofMinutes(1)));
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(throttle.admit(a)).isInstanceOf(Admission.Admitted.class);
    assertThat(limit.delayAfter(Integer.MAX_VALUE)).isEqualTo(limit.maxDelay());
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    Attempt a = root(ATTACKER);
    failRepeatedly(a, 20);
    assertThat(throttle.admit(a)).isInstanceOf(Admission.Wait.class);
    clock.now = clock.now.plus(SignInThrottle.WINDOW);
    for (int i = 0; i < SignInThrottle.PER_NAME.freeFailures(); i++) {
      assertThat(fail(a)).isInstanceOf(Admission.Admitted.class);
    }
  }

  @Test
  void aSuccessForgivesOnlyItself() {
    Attempt a = new Attempt("123456789012", "Bob", OWNER);
    for (int i = 0; i < SignInThrottle.PER_NAME.freeFailures() - 1; i++) {
      fail(a);
    }
    // The right password on the last free attempt: no wait follows it.
    throttle.succeeded((Admission.Admitted) throttle.admit(a));
    assertThat(throttle.admit(a)).isInstanceOf(Admission.Admitted.class);
    // That attempt was wrong: with the earlier failures it makes the next one wait.
    assertThat(throttle.admit(a)).isEqualTo(new Admission.Wait(Duration.ofSeconds(1)));
  }

  @Test
  void aWrongCodeCountsLikeAWrongPassword() {
    Attempt a = new Attempt("123456789012", "", OWNER);
    for (int i = 0; i < SignInThrottle.PER_NAME.freeFailures(); i++) {
      throttle.failed(a);
    }
    assertThat(throttle.admit(a)).isEqualTo(new Admission.Wait(Duration.ofSeconds(1)));
  }

  @Test
  void oneSourceTryingManyNamesIsSlowedAcrossThem() {
    SignInThrottle.Limit limit = SignInThrottle.PER_SOURCE;
    for (int i = 0; i < limit.freeFailures(); i++) {
      assertThat(fail(new Attempt("123456789012", "user" + i, ATTACKER)))
          .isInstanceOf(Admission.Admitted.class);
    }
    assertThat(throttle.admit(new Attempt("123456789012", "fresh", ATTACKER)))
        .isEqualTo(new Admission.Wait(Duration.ofSeconds(1)));
    assertThat(throttle.admit(new Attempt("123456789012", "fresh", OWNER)))
        .isInstanceOf(Admission.Admitted.class);
    assertThat(limit.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void memoryIsBoundedInKeysAndInFailuresPerKey() {
    for (int i = 0; i <= SignInThrottle.MAX_TRACKED; i++) {
      throttle.failed(new Attempt("acct", "user" + i, "10.0." + (i / 256) + "." + (i % 256)));
    }
    assertThat(throttle.trackedNames()).isEqualTo(SignInThrottle.MAX_TRACKED);
    assertThat(throttle.trackedSources()).isEqualTo(SignInThrottle.MAX_TRACKED);
    assertThat(throttle.admit(new Attempt("acct", "never", "10.9.9.9")))
        .isInstanceOf(Admission.Admitted.class);

    Attempt a = root(ATTACKER);
    for (int i = 0; i < 1_000; i++) {
      throttle.failed(a);
    }
    int saturation = SignInThrottle.PER_NAME.saturation();
    assertThat(throttle.keptFailures(a)).isEqualTo(saturation);
    assertThat(SignInThrottle.PER_NAME.delayAfter(saturation))
        .isEqualTo(SignInThrottle.PER_NAME.maxDelay());
    assertThat(SignInThrottle.PER_NAME.delayAfter(saturation - 1))
        .isLessThan(SignInThrottle.PER_NAME.maxDelay());
  }

  @Test
  void concurrentAttemptsCannotAllSlipThroughTheCheck() {
    Attempt a = root(ATTACKER);
    // Admitted but not yet answered: each counts already.
    int admitted = 0;
    for (int i = 0; i < 50; i++) {
      if (throttle.admit(a) instanceof Admission.Admitted) {
        admitted++;
      }
    }
    assertThat(admitted).isEqualTo(SignInThrottle.PER_NAME.freeFailures());
  }
}
