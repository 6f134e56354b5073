package dev.gatehouse.server;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.gatehouse.api.PipelineObserver;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.snapshot.SnapshotListener;
import dev.gatehouse.store.sql.SqlStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The node's metrics in Micrometer's Prometheus registry, served as {@code /metrics}: what the
 * pipeline tells ({@link PipelineObserver}), the snapshot rebuilds ({@link SnapshotListener}), the
 * store's connection pool (HikariCP's own Micrometer binding), S3's bytes and the JVM's.
 *
 * <p>Labels take bounded values only: an API's signing name, an action of its table, an outcome, a
 * decision, a snapshot kind. Never a key, an account, a principal ARN, a bucket or an object.
 */
final class GatehouseMetrics implements PipelineObserver, SnapshotListener {
  /** The STS actions that issue a session's credentials. */
  static final Set<String> ISSUING =
      Set.of(
          "AssumeRole",
          "AssumeRoleWithSAML",
          "AssumeRoleWithWebIdentity",
          "AssumeRoot",
          "GetSessionToken",
          "GetFederationToken");

  /** The Prometheus text format's content type (version 0.0.4, what every scraper reads). */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private record Key(String service, String action, PipelineObserver.Outcome outcome) {}

  private record Meters(Counter count, Timer time) {}

  private final Map<Key, Meters> requests = new ConcurrentHashMap<>();
  private final Map<Decided, Counter> decisions = new EnumMap<>(Decided.class);

  /** The engine's outcomes, as decision labels. */
  private enum Decided {
    ALLOWED,
    EXPLICITLY_DENIED,
    IMPLICITLY_DENIED
  }

  private final Map<SnapshotListener.Kind, Timer> snapshots =
      new EnumMap<>(SnapshotListener.Kind.class);
  private final Map<String, Counter> issued = new ConcurrentHashMap<>();
  private final Map<String, Counter> revoked = new ConcurrentHashMap<>();
  private final Timer auditCommit;
  private final Counter bytesIn;
  private final Counter bytesOut;

  GatehouseMetrics() {
    for (Decided o : Decided.values()) {
      decisions.put(
          o,
          Counter.builder("gatehouse.authorization.decisions")
              .description("Authorization decisions by outcome")
              .tag("outcome", o.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    for (SnapshotListener.Kind k : SnapshotListener.Kind.values()) {
      snapshots.put(
          k,
          histogram(
                  Timer.builder("gatehouse.snapshot.builds")
                      .description("Snapshot rebuilds by kind, and their time")
                      .tag("kind", k.name().toLowerCase(Locale.ROOT)))
              .register(registry));
    }
    auditCommit =
        histogram(
                Timer.builder("gatehouse.audit.commit")
                    .description(
                        "From a successful call's answer decided to its audit record durable"))
            .register(registry);
    bytesIn =
        Counter.builder("gatehouse.s3.bytes.received")
            .description("S3 request body bytes read (object uploads)")
            .baseUnit("bytes")
            .register(registry);
    bytesOut =
        Counter.builder("gatehouse.s3.bytes.sent")
            .description("S3 object bytes sent (object downloads)")
            .baseUnit("bytes")
            .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  private static Timer.Builder histogram(Timer.Builder timer) {
    return timer
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(50_000))
        .maximumExpectedValue(Duration.ofSeconds(30));
  }

  @Override
  public void answered(
      String service, String action, PipelineObserver.Outcome outcome, long nanos) {
    Meters m = requests.computeIfAbsent(new Key(service, action, outcome), this::meters);
    m.count().increment();
    m.time().record(nanos, TimeUnit.NANOSECONDS);
    if (outcome == PipelineObserver.Outcome.SUCCESS) {
      if ("sts".equals(service) && ISSUING.contains(action)) {
        counter(issued, "gatehouse.sessions.issued", "Sessions issued by STS", action).increment();
      } else if ("gatehouse".equals(service) && action.startsWith("Revoke")) {
        counter(revoked, "gatehouse.sessions.revoked", "Session revocations", action).increment();
      }
    }
  }

  private Meters meters(Key key) {
    String outcome = key.outcome().label();
    return new Meters(
        Counter.builder("gatehouse.requests")
            .description("Requests by service, action and outcome")
            .tags("service", key.service(), "action", key.action(), "outcome", outcome)
            .register(registry),
        histogram(
                Timer.builder("gatehouse.request.duration")
                    .description("Request latency, from the pipeline's start to the answer")
                    .tags("service", key.service(), "action", key.action(), "outcome", outcome))
            .register(registry));
  }

  private Counter counter(Map<String, Counter> by, String name, String help, String action) {
    return by.computeIfAbsent(
        action, a -> Counter.builder(name).description(help).tag("action", a).register(registry));
  }

  @Override
  public void decided(AuthorizationResult result) {
    Decided decided =
        result instanceof AuthorizationResult.Denied denied
            ? Decided.valueOf(denied.outcome().name())
            : Decided.ALLOWED;
    decisions.get(decided).increment();
  }

  @Override
  public void recorded(long nanos) {
    auditCommit.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void built(SnapshotListener.Kind kind, long nanos) {
    snapshots.get(kind).record(nanos, TimeUnit.NANOSECONDS);
  }

  void received(long bytes) {
    bytesIn.increment((double) bytes);
  }

  void sent(long bytes) {
    bytesOut.increment((double) bytes);
  }

  /** The store's connection pool, through HikariCP's own Micrometer binding. */
  void trackPool(SqlStore store) {
    store.trackPool(new MicrometerMetricsTrackerFactory(registry));
  }

  /** Every metric, in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }
}
