package dev.gatehouse.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when, with which service and in which region a long-term access key was last used
 * (GetAccessKeyLastUsed). A key's first use on a node is written before its request goes on; later
 * uses are written at most once per {@link #INTERVAL} per key and node, so a busy key costs no
 * write per request (AWS, too, reports the last use approximately).
 */
final class KeyUsage {
  private static final Logger LOG = LoggerFactory.getLogger(KeyUsage.class);

  static final Duration INTERVAL = Duration.ofMinutes(1);

  /** Keys remembered per node before the memory of recent writes starts over. */
  private static final int MAX_TRACKED = 100_000;

  /** Where a use is written. */
  @FunctionalInterface
  interface Sink {
    void record(String accessKeyId, String service, String region);
  }

  private final Sink sink;
  private final Clock clock;
  private final Map<String, Instant> written = new ConcurrentHashMap<>();

  KeyUsage(Sink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** Records nothing (tests, and the authenticators of in-memory set-ups). */
  static KeyUsage none() {
    return new KeyUsage((id, service, region) -> {}, Clock.systemUTC());
  }

  /** A request signed with {@code accessKeyId} was authenticated. */
  void used(String accessKeyId, String service, String region) {
    Instant now = clock.instant();
    Instant last = written.get(accessKeyId);
    if (last != null && now.isBefore(last.plus(INTERVAL))) {
      return;
    }
    // One request per key and interval writes; the others go on.
    boolean mine =
        last == null
            ? written.putIfAbsent(accessKeyId, now) == null
            : written.replace(accessKeyId, last, now);
    if (!mine) {
      return;
    }
    if (written.size() > MAX_TRACKED) {
      written.clear();
    }
    try {
      sink.record(accessKeyId, service, region);
    } catch (RuntimeException e) {
      // The request is authenticated either way; a lost last-use date is not worth failing it.
      LOG.warn("could not record the last use of access key {}", accessKeyId, e);
    }
  }
}
