package dev.gatehouse.core.password;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Slows down password guessing without locking anyone out. Failed attempts are counted per account,
 * user name and source address ({@link #PER_NAME}: one guesser at one name), and per source address
 * across all names ({@link #PER_SOURCE}, looser: one guesser trying many names). Once a count
 * passes its free failures, the next attempt from that source must wait a delay that doubles with
 * each further failure, up to a cap. Only failures of the last {@link #WINDOW} count.
 *
 * <p>Nothing here depends on what other sources did: the right password from an address that is not
 * itself slowed down is never refused, however many guesses arrive from elsewhere. spec: ASVS 4.0.3
 * 2.2.1, anti-automation "effective at mitigating breached credential testing, brute force, and
 * account lockout attacks", such as "ever increasing delays between attempts"; its "no more than
 * 100 failed attempts per hour ... on a single account" holds per source (about 25 an hour at one
 * name from one address), not across sources, since a per-name lock lets anyone lock out the root
 * user.
 *
 * <p>An admitted attempt counts as failed at once and is forgiven when it succeeds, so attempts
 * sent together cannot all pass the check while the first one's password is being hashed. A success
 * forgives its own attempt only: earlier failures from that source still count.
 *
 * <p>The counts live in this node's memory (a restart forgets them). Each table holds at most
 * {@link #MAX_TRACKED} keys, the least recently attempted forgotten first, and each key at most the
 * failures that make its delay reach the cap, so memory is bounded whatever is sent.
 */
public final class SignInThrottle {

  /**
   * One limit.
   *
   * @param freeFailures failures within the window that cost no wait
   * @param firstDelay the wait after the first failure beyond them; each further one doubles it
   * @param maxDelay the cap of the wait
   */
  public record Limit(int freeFailures, Duration firstDelay, Duration maxDelay) {
    public Limit {
      Objects.requireNonNull(firstDelay, "firstDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (freeFailures < 1 || firstDelay.isNegative() || firstDelay.isZero()) {
        throw new IllegalArgumentException("a limit needs free failures and a first delay");
      }
      if (maxDelay.compareTo(firstDelay) < 0) {
        throw new IllegalArgumentException("the cap is below the first delay");
      }
    }

    /** The wait after {@code failures} recent failures, measured from the last of them. */
    public Duration delayAfter(int failures) {
      if (failures < freeFailures) {
        return Duration.ZERO;
      }
      long cap = maxDelay.toMillis();
      long delay = firstDelay.toMillis();
      for (int i = freeFailures; i < failures && delay < cap; i++) {
        delay *= 2;
      }
      return Duration.ofMillis(Math.min(delay, cap));
    }

    /** The count from which the delay no longer grows: older failures need not be kept. */
    int saturation() {
      int n = freeFailures;
      while (delayAfter(n).compareTo(maxDelay) < 0) {
        n++;
      }
      return n;
    }
  }

  /** Per account, user name and source: five free failures, then 1 s doubling up to 5 minutes. */
  public static final Limit PER_NAME = new Limit(5, Duration.ofSeconds(1), Duration.ofMinutes(5));

  /**
   * Per source across all names: fifty free failures (users behind one NAT share it), then 1 s
   * doubling up to one minute.
   */
  public static final Limit PER_SOURCE =
      new Limit(50, Duration.ofSeconds(1), Duration.ofMinutes(1));

  /** Failures older than this no longer count. */
  public static final Duration WINDOW = Duration.ofHours(1);

  /** Keys kept per table. */
  public static final int MAX_TRACKED = 10_000;

  /**
   * One attempt: the account as given or resolved, the user name (empty: the root user; an empty
   * IAM user name never signs in), and the address it comes from.
   */
  public record Attempt(String account, String userName, String source) {
    public Attempt {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(source, "source");
    }

    /** Names are case-insensitive on sign-in. */
    NameKey nameKey() {
      return new NameKey(
          account.toLowerCase(Locale.ROOT), userName.toLowerCase(Locale.ROOT), source);
    }
  }

  /** What {@link #admit} answers. */
  public sealed interface Admission {
    /** Go ahead; counted as failed until {@link #succeeded} forgives it. */
    record Admitted(Attempt attempt, long atMillis) implements Admission {
      public Admitted {
        Objects.requireNonNull(attempt, "attempt");
      }
    }

    /** Slowed down: try again after {@code retryAfter} (whole seconds, at least one). */
    record Wait(Duration retryAfter) implements Admission {
      public Wait {
        Objects.requireNonNull(retryAfter, "retryAfter");
      }
    }
  }

  private record NameKey(String account, String userName, String source) {}

  private final Clock clock;
  private final Table<NameKey> names = new Table<>(PER_NAME);
  private final Table<String> sources = new Table<>(PER_SOURCE);

  public SignInThrottle(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Lets an attempt go ahead (counting it as failed for now) or says how long to wait. */
  public synchronized Admission admit(Attempt attempt) {
    long now = clock.millis();
    long waitMillis = waitMillis(attempt, now);
    if (waitMillis > 0) {
      return new Admission.Wait(Duration.ofSeconds((waitMillis + 999) / 1000));
    }
    names.record(attempt.nameKey(), now);
    sources.record(attempt.source(), now);
    return new Admission.Admitted(attempt, now);
  }

  /** The admitted attempt was right: it no longer counts as a failure. */
  public synchronized void succeeded(Admission.Admitted admitted) {
    names.forgive(admitted.attempt().nameKey(), admitted.atMillis());
    sources.forgive(admitted.attempt().source(), admitted.atMillis());
  }

  /**
   * Counts a failure that was not admitted here: a wrong MFA code after the right password, which
   * makes the next password attempt from that source wait as a wrong password would.
   */
  public synchronized void failed(Attempt attempt) {
    long now = clock.millis();
    names.record(attempt.nameKey(), now);
    sources.record(attempt.source(), now);
  }

  /** How long {@code attempt} would have to wait now, without counting anything (for tests). */
  synchronized Duration waitFor(Attempt attempt) {
    return Duration.ofMillis(Math.max(0, waitMillis(attempt, clock.millis())));
  }

  private long waitMillis(Attempt attempt, long now) {
    return Math.max(
        names.waitMillis(attempt.nameKey(), now), sources.waitMillis(attempt.source(), now));
  }

  /** Keys tracked per account, user name and source (for tests of the bound). */
  synchronized int trackedNames() {
    return names.size();
  }

  /** Sources tracked (for tests of the bound). */
  synchronized int trackedSources() {
    return sources.size();
  }

  /** Recent failures kept for one key (for tests of the bound). */
  synchronized int keptFailures(Attempt attempt) {
    return names.kept(attempt.nameKey());
  }

  /** Failure times by key, least recently attempted first; callers hold the throttle's lock. */
  private static final class Table<K> {
    private final Limit limit;
    private final int keep;
    private final LinkedHashMap<K, ArrayDeque<Long>> failures;

    Table(Limit limit) {
      this.limit = limit;
      this.keep = limit.saturation();
      this.failures =
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, ArrayDeque<Long>> eldest) {
              return size() > MAX_TRACKED;
            }
          };
    }

    long waitMillis(K key, long now) {
      ArrayDeque<Long> times = failures.get(key);
      if (times == null) {
        return 0;
      }
      prune(times, now);
      if (times.isEmpty()) {
        failures.remove(key);
        return 0;
      }
      return times.peekLast() + limit.delayAfter(times.size()).toMillis() - now;
    }

    void record(K key, long now) {
      ArrayDeque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      prune(times, now);
      times.addLast(now);
      // INVARIANT: at most `keep` times per key; more would not lengthen the delay.
      while (times.size() > keep) {
        times.removeFirst();
      }
    }

    void forgive(K key, long at) {
      ArrayDeque<Long> times = failures.get(key);
      if (times != null && times.removeLastOccurrence(at) && times.isEmpty()) {
        failures.remove(key);
      }
    }

    int size() {
      return failures.size();
    }

    int kept(K key) {
      ArrayDeque<Long> times = failures.get(key);
      return times == null ? 0 : times.size();
    }

    private static void prune(ArrayDeque<Long> times, long now) {
      long oldest = now - WINDOW.toMillis();
      while (!times.isEmpty() && times.peekFirst() <= oldest) {
        times.removeFirst();
      }
    }
  }
}
