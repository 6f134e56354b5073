package dev.gatehouse.core.iam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when, with which service and in which region something was last used: a long-term access
 * key (GetAccessKeyLastUsed) or a role (GetRole's RoleLastUsed). The first use of one on a node is
 * written before its request goes on; later uses are written at most once per {@link #INTERVAL} per
 * subject and node, so a busy key or role costs no write per request (AWS, too, reports the last
 * use approximately).
 */
public final class LastUse {
  private static final Logger LOG = LoggerFactory.getLogger(LastUse.class);

  public static final Duration INTERVAL = Duration.ofMinutes(1);

  /** Subjects remembered per node before the memory of recent writes starts over. */
  private static final int MAX_TRACKED = 100_000;

  /** Where a use is written. */
  @FunctionalInterface
  public interface Sink {
    /**
     * @param subject an access key id or a role ARN
     */
    void record(String subject, String service, String region);
  }

  private final Sink sink;
  private final Clock clock;
  private final Map<String, Instant> written = new ConcurrentHashMap<>();

  public LastUse(Sink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** Records nothing (tests, and the authenticators of in-memory set-ups). */
  public static LastUse none() {
    return new LastUse((id, service, region) -> {}, Clock.systemUTC());
  }

  /**
   * Whether a use of {@code subject} now would be written (or would be within {@code margin}): the
   * request that makes it waits for the store.
   */
  public boolean due(String subject, Duration margin) {
    Instant last = written.get(subject);
    return last == null || !clock.instant().plus(margin).isBefore(last.plus(INTERVAL));
  }

  /** {@code subject} was used: a request it signed was authenticated, or it was assumed. */
  public void used(String subject, String service, String region) {
    Instant now = clock.instant();
    Instant last = written.get(subject);
    if (last != null && now.isBefore(last.plus(INTERVAL))) {
      return;
    }
    // One request per subject and interval writes; the others go on.
    boolean mine =
        last == null
            ? written.putIfAbsent(subject, now) == null
            : written.replace(subject, last, now);
    if (!mine) {
      return;
    }
    if (written.size() > MAX_TRACKED) {
      written.clear();
    }
    try {
      sink.record(subject, service, region);
    } catch (RuntimeException e) {
      // The request is authenticated either way; a lost last-use date is not worth failing it.
      LOG.warn("could not record the last use of {}", subject, e);
    }
  }
}
