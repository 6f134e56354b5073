package dev.gatehouse.core.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

  private final StepClock clock = new StepClock();
  private final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void aHundredFailuresWithinAnHourThrottleThatNameOnly() {
    String bob = SignInThrottle.key("123456789012", "Bob");
    for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
      throttle.failed(bob);
      clock.now = clock.now.plusSeconds(30);
    }
    assertThat(throttle.throttled(bob)).isFalse();
    throttle.failed(bob);
    assertThat(throttle.throttled(bob)).isTrue();
    // Names are case-insensitive, accounts are separate, root is its own name.
    assertThat(throttle.throttled(SignInThrottle.key("123456789012", "BOB"))).isTrue();
    assertThat(throttle.throttled(SignInThrottle.key("123456789012", "alice"))).isFalse();
    assertThat(throttle.throttled(SignInThrottle.key("210987654321", "Bob"))).isFalse();
    assertThat(throttle.throttled(SignInThrottle.key("123456789012", ""))).isFalse();
  }

  @Test
  void failuresOlderThanAnHourNoLongerCount() {
    String key = SignInThrottle.key("acct", "u");
    Instant start = clock.now;
    for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
      throttle.failed(key);
    }
    clock.now = start.plus(SignInThrottle.WINDOW).minusMillis(1);
    assertThat(throttle.throttled(key)).isTrue();
    clock.now = start.plus(SignInThrottle.WINDOW);
    assertThat(throttle.throttled(key)).isFalse();
    // A sliding window: failures expire one at a time, an hour after each.
    Instant first = clock.now;
    for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
      throttle.failed(key);
      clock.now = clock.now.plus(Duration.ofSeconds(35));
    }
    assertThat(throttle.throttled(key)).isTrue();
    clock.now = first.plus(SignInThrottle.WINDOW);
    assertThat(throttle.throttled(key)).isFalse();
    throttle.failed(key);
    assertThat(throttle.throttled(key)).isTrue();
  }

  @Test
  void theTableOfNamesIsBounded() {
    for (int i = 0; i <= SignInThrottle.MAX_TRACKED; i++) {
      throttle.failed("acct/user" + i);
    }
    assertThat(throttle.tracked()).isEqualTo(SignInThrottle.MAX_TRACKED);
    assertThat(throttle.throttled("acct/never")).isFalse();
  }
}
