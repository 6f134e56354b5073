package dev.gatehouse.server;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How the server is operated, beside what it serves: where its metrics are exposed and how long a
 * shutdown waits for requests in flight.
 *
 * @param metrics where {@code /metrics} is served, if anywhere
 * @param shutdownGrace how long a shutdown waits for requests in flight before it closes them
 */
public record Operations(MetricsExposure metrics, Duration shutdownGrace) {
  /** The default grace period of a shutdown. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  public Operations {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("the shutdown grace period cannot be negative");
    }
  }

  /** No metrics; the default grace period. */
  public static Operations defaults() {
    return new Operations(new MetricsExposure.Off(), DEFAULT_GRACE);
  }

  /** Where {@code /metrics} is served. */
  public sealed interface MetricsExposure {
    /** Not served (and not collected). */
    record Off() implements MetricsExposure {}

    /**
     * On a listener of its own on the loopback interface, unauthenticated (for a local scraper or a
     * sidecar); port 0 picks a free one.
     */
    record LoopbackPort(int port) implements MetricsExposure {
      public LoopbackPort {
        if (port < 0 || port > 65535) {
          throw new IllegalArgumentException("metrics port out of range: " + port);
        }
      }
    }

    /**
     * On the public API port, as an action: {@code GET /metrics} signed with SigV4 by a principal
     * IAM allows {@code gatehouse:GetMetrics}, through the request pipeline (authenticated,
     * authorized, audited as a read); anything else is refused with AccessDenied.
     */
    record Signed() implements MetricsExposure {}

    /** Whether {@code GET /metrics} is an authorized action on the API port. */
    default boolean signed() {
      return this instanceof Signed;
    }

    /** The loopback port, when metrics are served on one. */
    default OptionalInt loopbackPort() {
      return this instanceof LoopbackPort p ? OptionalInt.of(p.port()) : OptionalInt.empty();
    }

    default boolean on() {
      return !(this instanceof Off);
    }
  }
}
