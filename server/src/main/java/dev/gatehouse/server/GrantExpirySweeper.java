package dev.gatehouse.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.AuditLog;
import dev.gatehouse.api.AuditResource;
import dev.gatehouse.core.grants.AccessGrant;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.GrantExpiry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link GrantExpiry} on a background thread every {@link #ENV} seconds (default {@value
 * #DEFAULT_SECONDS}), off the request path, and records each grant it marked as a CloudTrail {@code
 * AwsServiceEvent} ({@value #EVENT_NAME}) in the audit log. Of nodes sharing a store, the one that
 * marks a grant records it.
 */
final class GrantExpirySweeper implements AutoCloseable {
  static final String ENV = "GATEHOUSE_GRANT_EXPIRY_SECONDS";
  static final long DEFAULT_SECONDS = 10;
  static final String EVENT_SOURCE = "gatehouse.amazonaws.com";
  static final String EVENT_NAME = "AccessGrantExpired";

  private static final Logger LOG = LoggerFactory.getLogger(GrantExpirySweeper.class);

  private final GrantExpiry expiry;
  private final AuditLog audit;
  private final ScheduledExecutorService executor;

  private GrantExpirySweeper(GrantExpiry expiry, AuditLog audit) {
    this.expiry = expiry;
    this.audit = audit;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gatehouse-grant-expiry");
              t.setDaemon(true);
              return t;
            });
  }

  /** Sweeps every {@link #interval} of the environment, the first time at once. */
  static GrantExpirySweeper start(
      GrantExpiry expiry, AuditLog audit, Map<String, String> environment) {
    GrantExpirySweeper sweeper = new GrantExpirySweeper(expiry, audit);
    long millis = interval(environment).toMillis();
    var unused =
        sweeper.executor.scheduleWithFixedDelay(
            sweeper::sweepQuietly, 0, millis, TimeUnit.MILLISECONDS);
    return sweeper;
  }

  /** The time between sweeps: {@link #ENV} seconds, at least one. */
  static Duration interval(Map<String, String> environment) {
    String v = environment.getOrDefault(ENV, "").trim();
    if (v.isEmpty()) {
      return Duration.ofSeconds(DEFAULT_SECONDS);
    }
    try {
      long seconds = Long.parseLong(v);
      if (seconds < 1) {
        throw new IllegalArgumentException(ENV + " must be at least 1 second: " + v);
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(ENV + " is not a number of seconds: " + v, e);
    }
  }

  /** One sweep: marks what ran out and records each grant this node marked. */
  List<AccessRequest> sweep() {
    List<AccessRequest> marked = expiry.sweep();
    for (AccessRequest r : marked) {
      audit.recordServiceEvent(
          EVENT_SOURCE,
          EVENT_NAME,
          r.accountId(),
          r.ended().orElseThrow().at(),
          details(r),
          List.of(new AuditResource("AWS::IAM::Role", r.roleArn(), r.accountId())));
    }
    return marked;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // The next sweep tries again; grants past their end refuse sessions meanwhile.
      LOG.warn("access grant expiry sweep failed: {}", e.toString());
    }
  }

  static ObjectNode details(AccessRequest r) {
    AccessGrant g = r.grant().orElseThrow();
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("AccessRequestId", r.id());
    d.put("GrantId", g.id());
    d.put("RoleArn", r.roleArn());
    d.put("RequesterArn", r.requesterArn());
    d.put("GrantStart", g.start().toString());
    d.put("GrantEnd", g.end().toString());
    d.put("BreakGlass", r.breakGlass());
    return d;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("the access grant expiry sweep did not stop within 5 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
