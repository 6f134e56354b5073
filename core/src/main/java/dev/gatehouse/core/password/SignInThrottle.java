package dev.gatehouse.core.password;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Counts failed console sign-ins per account and user name (known or not) and refuses further
 * attempts once {@link #MAX_FAILURES} failed within the last {@link #WINDOW} (spec: ASVS 4.0.3
 * 2.2.1, "no more than 100 failed attempts per hour is possible on a single account").
 *
 * <p>The counts live in this node's memory: each node of a cluster allows its own 100 per hour, and
 * a restart forgets them. At most {@link #MAX_TRACKED} names are tracked; beyond that the least
 * recently attempted name is forgotten. Filling that table takes more than {@code MAX_TRACKED}
 * failed attempts, each costing one password-hash derivation, so it cannot be done quickly.
 * Successful sign-ins do not clear the count: a guesser who also knows the password gains nothing.
 */
public final class SignInThrottle {
  public static final int MAX_FAILURES = 100;
  public static final Duration WINDOW = Duration.ofHours(1);
  public static final int MAX_TRACKED = 10_000;

  private final Clock clock;

  /** Failure times (epoch ms), oldest first, by key; least recently used first. */
  private final LinkedHashMap<String, ArrayDeque<Long>> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
          return size() > MAX_TRACKED;
        }
      };

  public SignInThrottle(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The key of one sign-in name: account (id or alias as resolved) and user (empty: root). */
  public static String key(String account, String userName) {
    return account.toLowerCase(Locale.ROOT) + "/" + userName.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code key} has used up its failures for now. */
  public synchronized boolean throttled(String key) {
    ArrayDeque<Long> times = failures.get(key);
    if (times == null) {
      return false;
    }
    prune(times);
    if (times.isEmpty()) {
      failures.remove(key);
      return false;
    }
    return times.size() >= MAX_FAILURES;
  }

  /** Records one failed attempt for {@code key}. */
  public synchronized void failed(String key) {
    ArrayDeque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    prune(times);
    times.addLast(clock.millis());
    while (times.size() > MAX_FAILURES) {
      times.removeFirst();
    }
  }

  /** How many names are tracked (for tests of the bound). */
  synchronized int tracked() {
    return failures.size();
  }

  private void prune(ArrayDeque<Long> times) {
    long oldest = clock.millis() - WINDOW.toMillis();
    while (!times.isEmpty() && times.peekFirst() <= oldest) {
      times.removeFirst();
    }
  }
}
