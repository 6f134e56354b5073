package dev.gatehouse.server;

import dev.gatehouse.api.AuditLog;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.api.JsonCodec;
import dev.gatehouse.api.MetricsCodec;
import dev.gatehouse.api.Pipeline;
import dev.gatehouse.api.PipelineObserver;
import dev.gatehouse.api.QueryApi;
import dev.gatehouse.api.QueryCodec;
import dev.gatehouse.api.sts.RevocationApi;
import dev.gatehouse.console.Console;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.snapshot.SnapshotListener;
import dev.gatehouse.server.NodeAssembly.Node;
import dev.gatehouse.store.sql.SqlStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place where the server is wired, read top to bottom. {@link #start}
 * starts the server (HTTP listener, audit log, request path); {@link NodeAssembly} builds a node's
 * parts (store, keys, services, authentication, APIs); {@link #handler} puts the request path over
 * them. In {@code --dev} mode a reset builds the node again from the same {@link Setup}.
 */
public final class Gatehouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);

  /** Days of audit files kept ({@code serve --audit-retention-days}); absent keeps every file. */
  public static final String AUDIT_RETENTION_ENV = "GATEHOUSE_AUDIT_RETENTION_DAYS";

  private final ServerConfig config;
  private final String accountId;
  private final HttpServer http;
  private final List<AutoCloseable> resources;
  private final Supplier<Map<String, Set<String>>> actions;
  private final Readiness readiness;
  private final Optional<MetricsListener> metricsListener;

  /** Thrown when the server cannot start; the message is for the operator. */
  public static final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What the server was started with; a {@code --dev} reset builds the node again from the same,
   * not from the process environment.
   *
   * @param err where start-up messages go (the first-start credentials file)
   * @param clock the time of every decision (SigV4 skew, session expiry, dates); tests move it
   * @param environment the keys and first-start credentials (the process environment; tests give
   *     each server its own)
   * @param snapshotListener told of every snapshot rebuild (the metrics, when on)
   */
  record Setup(
      ServerConfig config,
      PrintStream err,
      Clock clock,
      Map<String, String> environment,
      SnapshotListener snapshotListener) {
    Setup {
      environment = Map.copyOf(environment);
    }

    Setup(ServerConfig config, PrintStream err, Clock clock, Map<String, String> environment) {
      this(config, err, clock, environment, SnapshotListener.NONE);
    }

    /** The same, pinned to the account the store held (a reset bootstraps it again). */
    Setup withAccount(String accountId) {
      return new Setup(config.withAccount(accountId), err, clock, environment, snapshotListener);
    }
  }

  /** Where this server's requests ran: inline or on the pool (tests read the counts). */
  private final RequestWork work;

  private Gatehouse(
      ServerConfig config,
      String accountId,
      HttpServer http,
      List<AutoCloseable> resources,
      Supplier<Map<String, Set<String>>> actions,
      Readiness readiness,
      Optional<MetricsListener> metricsListener,
      RequestWork work) {
    this.work = work;
    this.config = config;
    this.accountId = accountId;
    this.http = http;
    this.resources = resources;
    this.actions = actions;
    this.readiness = readiness;
    this.metricsListener = metricsListener;
  }

  /**
   * Starts the server: production ({@code serve}) and tests come in here.
   *
   * @param err where start-up messages go
   * @param clock the time of every decision; tests give one they move
   * @param environment the process environment (keys, first-start credentials); tests give their
   *     own
   */
  public static Gatehouse start(
      ServerConfig config, PrintStream err, Clock clock, Map<String, String> environment)
      throws StartupException {
    return start(config, Operations.defaults(), err, clock, environment);
  }

  /**
   * Starts the server, operated as {@code operations} says (metrics, shutdown grace period).
   *
   * @param err where start-up messages go
   * @param clock the time of every decision; tests give one they move
   * @param environment the process environment (keys, first-start credentials); tests give their
   *     own
   */
  public static Gatehouse start(
      ServerConfig config,
      Operations operations,
      PrintStream err,
      Clock clock,
      Map<String, String> environment)
      throws StartupException {
    if (config.dev()) {
      err.println(
          "WARNING: --dev mode: unknown access keys act as the default account's root."
              + " Never use it outside a test machine.");
    }
    Optional<GatehouseMetrics> metrics =
        operations.metrics().on() ? Optional.of(new GatehouseMetrics()) : Optional.empty();
    Setup setup =
        new Setup(
            config,
            err,
            clock,
            environment,
            metrics.<SnapshotListener>map(m -> m).orElse(SnapshotListener.NONE));
    Readiness readiness = new Readiness();
    RequestWork work = RequestWork.unscoped();
    // Jetty starts on another core while the store and catalogues load; until the pipeline is
    // installed it answers ServiceUnavailable, and the ready line waits for both.
    DeferredHandler deferred = new DeferredHandler();
    CompletableFuture<HttpServer> http =
        HttpServer.startOn(
            Gatehouse::daemon,
            config,
            new HealthHandler(deferred, readiness, Optional.empty()),
            operations.shutdownGrace());
    Node node;
    try {
      Files.createDirectories(config.dataDir());
      node = NodeAssembly.node(setup);
    } catch (Exception e) {
      HttpServer.closeWhenStarted(http);
      throw cannotStart(config, e);
    }
    List<AutoCloseable> resources = new ArrayList<>();
    Serving serving = null;
    try {
      AuditLog audit =
          new AuditLog(
              config.dataDir().resolve("audit"),
              Integer.parseInt(environment.getOrDefault(AUDIT_RETENTION_ENV, "0")));
      resources.add(audit);
      readiness.auditLog(audit);
      serving =
          new Serving(
              setup,
              deferred,
              audit,
              node,
              metrics,
              operations.metrics().signed(),
              readiness,
              work);
      resources.add(serving);
      serving.install();
      if (config.dev()) {
        deferred.enableReset(serving::reset);
      }
      Optional<MetricsListener> listener = Optional.empty();
      OptionalInt metricsPort = operations.metrics().loopbackPort();
      if (metricsPort.isPresent() && metrics.isPresent()) {
        listener =
            Optional.of(new MetricsListener(metricsPort.getAsInt(), metrics.get(), readiness));
        resources.add(listener.get());
      }
      HttpServer server = http.join();
      resources.add(server);
      Gatehouse gatehouse =
          new Gatehouse(
              config,
              node.accountId(),
              server,
              resources,
              node::actions,
              readiness,
              listener,
              work);
      LOG.info(
          "{} (ready {} ms after the JVM started)",
          gatehouse.readyLine(),
          ManagementFactory.getRuntimeMXBean().getUptime());
      // Every request reads the service reference and IAM's table, readiness did not: make them
      // while none waits.
      daemon(
          () -> {
            readServiceReference();
            makeTable(node.iam());
          });
      return gatehouse;
    } catch (Exception e) {
      HttpServer.closeWhenStarted(http);
      if (serving == null) {
        closeAll(node.resources());
      }
      closeAll(resources);
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new StartupException("cannot start: " + cause.getMessage(), cause);
    }
  }

  /**
   * The request path over a node: the Query and JSON protocols through one pipeline (audited), and
   * the console, whose calls run through the same pipeline in process.
   */
  private static Handler handler(
      Node node,
      AuditLog audit,
      Setup setup,
      Optional<GatehouseMetrics> metrics,
      boolean metricsOnApiPort,
      RequestWork work) {
    ServerConfig config = setup.config();
    Pipeline pipeline =
        new Pipeline(
            audit, metrics.isPresent() ? metrics.get() : PipelineObserver.NONE, node.attempts());
    // The console is made by its first request; a bad upload limit still fails the start.
    long maxUpload = maxUpload(setup.environment());
    InProcessCalls inProcess = node.inProcess(pipeline, setup.clock());
    // --metrics public: GET /metrics is Gatehouse's own action, authorized like its others.
    Optional<MetricsCodec> signedMetrics =
        metrics
            .filter(m -> metricsOnApiPort)
            .map(
                m ->
                    new MetricsCodec(
                        node.authenticator(),
                        node.others().stream()
                            .filter(r -> r.signingName().equals(RevocationApi.SIGNING_NAME))
                            .findFirst()
                            .orElseThrow(),
                        m::scrape));
    // Each request in a write scope of the master key ring: an online rotation waits for those
    // begun before its switch.
    RequestWork scoped = work.within(node.keyRing());
    return new Mounts(
        new ApiHandler(
            pipeline,
            new QueryCodec(node.authenticator(), node.iam(), node.authorizer(), node.others()),
            new JsonCodec(node.json()),
            setup.clock(),
            config.maxBodyBytes(),
            node.s3()
                .map(
                    s3 ->
                        metrics.isPresent()
                            ? new S3Handler(
                                pipeline,
                                s3,
                                setup.clock(),
                                metrics.get()::received,
                                metrics.get()::sent,
                                node.objectReads())
                            : new S3Handler(
                                pipeline, s3, setup.clock(), n -> {}, n -> {}, node.objectReads())),
            signedMetrics,
            scoped,
            node.inline()),
        Optional.of(
            scoped.onPool(
                new ConsoleHandler(
                    () ->
                        new Console(
                            node.console(),
                            inProcess,
                            setup.clock(),
                            config.maxBodyBytes(),
                            maxUpload)))));
  }

  /** The environment variable that sets the largest file the console's S3 page uploads. */
  static final String MAX_UPLOAD_ENV = "GATEHOUSE_CONSOLE_MAX_UPLOAD_BYTES";

  /** The console's upload limit: {@link #MAX_UPLOAD_ENV}, else S3's limit of one PutObject. */
  static long maxUpload(Map<String, String> environment) {
    String v = environment.getOrDefault(MAX_UPLOAD_ENV, "");
    try {
      return v.isEmpty() ? Console.DEFAULT_MAX_UPLOAD : Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(MAX_UPLOAD_ENV + " is not a number of bytes: " + v, e);
    }
  }

  /**
   * The node in service behind the deferred handler. In {@code --dev} mode a reset ({@code POST
   * /_gatehouse/reset}) closes it, deletes the embedded store and builds the node again from the
   * same setup with the same account id, as emulator-based test suites expect between runs;
   * requests arriving meanwhile get ServiceUnavailable.
   */
  private static final class Serving implements AutoCloseable {
    /** The files of the embedded store and the first-start credentials (see the store adapter). */
    static final List<String> STORE_FILES =
        List.of(
            "gatehouse.db",
            "gatehouse.db-wal",
            "gatehouse.db-shm",
            "root-credentials",
            // Where earlier versions kept STS state (now in the store, imported once at start-up).
            "mfa-devices",
            "session-revocations");

    private final Setup setup;
    private final DeferredHandler deferred;
    private final AuditLog audit;
    private final Optional<GatehouseMetrics> metrics;
    private final boolean metricsOnApiPort;
    private final Readiness readiness;
    private final RequestWork work;
    private Node node;
    private GrantExpirySweeper expiry;

    Serving(
        Setup setup,
        DeferredHandler deferred,
        AuditLog audit,
        Node node,
        Optional<GatehouseMetrics> metrics,
        boolean metricsOnApiPort,
        Readiness readiness,
        RequestWork work) {
      this.work = work;
      this.setup = setup;
      this.deferred = deferred;
      this.audit = audit;
      this.node = node;
      this.metrics = metrics;
      this.metricsOnApiPort = metricsOnApiPort;
      this.readiness = readiness;
    }

    synchronized void install() throws Exception {
      if (metrics.isPresent() && node.store() instanceof SqlStore sql) {
        metrics.get().trackPool(sql);
      }
      deferred.install(handler(node, audit, setup, metrics, metricsOnApiPort, work));
      // Expired grants are marked in the background and recorded in this audit log.
      expiry = GrantExpirySweeper.start(node.grantExpiry(), audit, setup.environment());
      readiness.serving(node.store(), node.accountId());
    }

    /**
     * @return the account id
     */
    synchronized String reset() throws Exception {
      String accountId = node.accountId();
      readiness.rebuilding();
      deferred.suspend();
      expiry.close();
      closeAll(node.resources());
      for (String name : STORE_FILES) {
        Files.deleteIfExists(setup.config().dataDir().resolve(name));
      }
      node = NodeAssembly.node(setup.withAccount(accountId));
      install();
      LOG.warn("--dev reset: store of account {} deleted and bootstrapped again", accountId);
      return accountId;
    }

    @Override
    public synchronized void close() {
      if (expiry != null) {
        expiry.close();
      }
      closeAll(node.resources());
    }
  }

  /** The operator's words for a node that could not be built. */
  private static StartupException cannotStart(ServerConfig config, Exception e) {
    if (config.store() instanceof ServerConfig.StoreChoice.Postgres pg) {
      // The URL holds no password (refused when parsed); the message is not a class name.
      return new StartupException(
          "cannot start on PostgreSQL store "
              + pg.jdbcUrl()
              + ": "
              + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    }
    return new StartupException("cannot start on data directory " + config.dataDir() + ": " + e, e);
  }

  /** Runs start-up work on a daemon thread, so a failed start never keeps the JVM alive. */
  static void daemon(Runnable work) {
    Thread thread = new Thread(work, "gatehouse-startup");
    thread.setDaemon(true);
    thread.start();
  }

  /** The bundled service reference read ahead of the first request; a broken one logged. */
  static void readServiceReference() {
    try {
      ServiceReference.bundled().read();
    } catch (RuntimeException e) {
      LOG.error("the bundled service reference cannot be read: every request will fail", e);
    }
  }

  /** IAM's action table made ahead of the first request; one that cannot be made logged. */
  static void makeTable(QueryApi api) {
    try {
      api.operations();
    } catch (RuntimeException e) {
      LOG.error("the {} action table cannot be made: its requests will fail", api.signingName(), e);
    }
  }

  /** {@code Gatehouse listening on http://127.0.0.1:7440 (123456789012)}. */
  public String readyLine() {
    return "Gatehouse listening on "
        + config.scheme()
        + "://"
        + config.bind()
        + ":"
        + http.port()
        + " ("
        + accountId
        + ")";
  }

  /** Where requests ran: without a hand-off, or on the pool. */
  RequestWork work() {
    return work;
  }

  /**
   * The actions each API on the endpoint answers, by signing service ({@code iam}, {@code sts},
   * {@code organizations}...): what the action tables hold, for tests that walk the service models.
   */
  public Map<String, Set<String>> actions() {
    return actions.get();
  }

  public int port() {
    return http.port();
  }

  public String accountId() {
    return accountId;
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public void join() throws InterruptedException {
    http.join();
  }

  /** The port of {@code --metrics-port}'s loopback listener, when there is one. */
  public OptionalInt metricsPort() {
    return metricsListener.isPresent()
        ? OptionalInt.of(metricsListener.get().port())
        : OptionalInt.empty();
  }

  /**
   * Shuts down: readiness turns false, the HTTP listener stops accepting and requests in flight
   * complete within the grace period (their audit records written), then the store and the audit
   * log close.
   */
  @Override
  public void close() {
    readiness.stopping();
    // Idempotent: the shutdown hook and try-with-resources may both close.
    List<AutoCloseable> toClose;
    synchronized (resources) {
      toClose = new ArrayList<>(resources);
      resources.clear();
    }
    closeAll(toClose);
  }

  static void closeAll(List<AutoCloseable> resources) {
    // Reverse order: the HTTP server stops before the store and the audit log close.
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("error while closing {}", resources.get(i).getClass().getSimpleName(), e);
      }
    }
  }
}
