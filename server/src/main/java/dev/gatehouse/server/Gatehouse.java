package dev.gatehouse.server;

import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.server.console.ConsoleBackend;
import dev.gatehouse.server.console.ConsoleHandler;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place where the server is wired. Constructor injection only;
 * reading this class tells how a request reaches the store.
 */
public final class Gatehouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);

  private final ServerConfig config;
  private final String accountId;
  private final HttpServer http;
  private final List<AutoCloseable> resources;
  private final Map<String, Set<String>> actions;

  /** Thrown when the server cannot start; the message is for the operator. */
  public static final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Gatehouse(
      ServerConfig config,
      String accountId,
      HttpServer http,
      List<AutoCloseable> resources,
      Map<String, Set<String>> actions) {
    this.config = config;
    this.accountId = accountId;
    this.http = http;
    this.resources = resources;
    this.actions = actions;
  }

  /** Collaborators the HTTP pipeline needs; built by {@link #start} or by tests. */
  record Parts(
      String accountId,
      Authenticator authenticator,
      Authorizer authorizer,
      QueryApi iam,
      List<ApiRoute> others,
      List<JsonApi> json,
      Clock clock,
      List<AutoCloseable> resources,
      Optional<ConsoleBackend> console) {
    Parts(
        String accountId,
        Authenticator authenticator,
        Authorizer authorizer,
        QueryApi iam,
        List<ApiRoute> others,
        Clock clock,
        List<AutoCloseable> resources) {
      this(
          accountId,
          authenticator,
          authorizer,
          iam,
          others,
          List.of(),
          clock,
          resources,
          Optional.empty());
    }

    Parts(
        String accountId,
        Authenticator authenticator,
        Authorizer authorizer,
        QueryApi iam,
        Clock clock,
        List<AutoCloseable> resources) {
      this(accountId, authenticator, authorizer, iam, List.of(), clock, resources);
    }

    /** The console's in-process entry to the Query APIs, through {@code pipeline}. */
    InProcessCalls inProcess(Pipeline pipeline) {
      return new InProcessCalls(iam, authorizer, others, pipeline, clock);
    }
  }

  /** Starts the server on the configured store, with the data directory for node-local files. */
  public static Gatehouse start(ServerConfig config, PrintStream err) throws StartupException {
    return start(config, err, Clock.systemUTC());
  }

  /**
   * Starts the server with the embedded store, reading time from {@code clock} (tests move it to
   * expire sessions).
   */
  public static Gatehouse start(ServerConfig config, PrintStream err, Clock clock)
      throws StartupException {
    return start(config, err, clock, System.getenv());
  }

  /**
   * Starts the server, reading the keys and the first-start credentials from {@code environment}
   * (the process environment; tests give nodes their own).
   */
  public static Gatehouse start(
      ServerConfig config, PrintStream err, Clock clock, Map<String, String> environment)
      throws StartupException {
    if (config.dev()) {
      err.println(
          "WARNING: --dev mode: unknown access keys act as the default account's root."
              + " Never use it outside a test machine.");
    }
    // Jetty starts on another core while the store and catalogues load; until the pipeline is
    // installed it answers ServiceUnavailable, and the ready line waits for both.
    DeferredHandler deferred = new DeferredHandler();
    CompletableFuture<HttpServer> http =
        CompletableFuture.supplyAsync(() -> listen(config, deferred), Wiring::daemon);
    Parts parts;
    try {
      Files.createDirectories(config.dataDir());
      parts = Wiring.build(config, err, clock, environment);
    } catch (Exception e) {
      closeWhenStarted(http);
      if (config.store() instanceof ServerConfig.StoreChoice.Postgres pg) {
        // The operator's words, not a class name; the URL holds no password (refused when parsed).
        throw new StartupException(
            "cannot start on PostgreSQL store "
                + pg.jdbcUrl()
                + ": "
                + (e.getMessage() == null ? e.toString() : e.getMessage()),
            e);
      }
      throw new StartupException(
          "cannot start on data directory " + config.dataDir() + ": " + e, e);
    }
    return start(config, parts, deferred, http, err, environment);
  }

  static Gatehouse start(ServerConfig config, Parts parts) throws StartupException {
    DeferredHandler deferred = new DeferredHandler();
    return start(
        config,
        parts,
        deferred,
        CompletableFuture.completedFuture(listen(config, deferred)),
        System.err,
        Map.of());
  }

  /** Stops a server that is still starting once it has started (or ignores its failure). */
  private static void closeWhenStarted(CompletableFuture<HttpServer> http) {
    try {
      http.join().close();
    } catch (RuntimeException e) {
      LOG.debug("HTTP server did not start", e);
    }
  }

  private static HttpServer listen(ServerConfig config, DeferredHandler handler) {
    try {
      HttpServer server = new HttpServer(config, handler);
      server.start();
      return server;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /**
   * @param environment what the parts were built from: a {@code --dev} reset builds them again from
   *     it, not from the process environment
   */
  private static Gatehouse start(
      ServerConfig config,
      Parts parts,
      DeferredHandler deferred,
      CompletableFuture<HttpServer> http,
      PrintStream err,
      Map<String, String> environment)
      throws StartupException {
    List<AutoCloseable> resources = new ArrayList<>();
    PartsHolder holder = null;
    try {
      AuditLog audit = new AuditLog(config.dataDir().resolve("audit"));
      resources.add(audit);
      holder =
          new PartsHolder(
              config,
              err,
              environment,
              deferred,
              p -> {
                Pipeline pipeline = new Pipeline(audit);
                return new Mounts(
                    new ApiHandler(
                        pipeline,
                        new QueryCodec(p.authenticator(), p.iam(), p.authorizer(), p.others()),
                        new JsonCodec(p.json()),
                        p.clock(),
                        config.maxBodyBytes()),
                    p.console()
                        .map(
                            backend ->
                                new ConsoleHandler(
                                    backend,
                                    p.inProcess(pipeline),
                                    p.clock(),
                                    config.maxBodyBytes())));
              },
              parts);
      resources.add(holder);
      holder.install();
      if (config.dev()) {
        deferred.enableReset(holder);
      }
      HttpServer server = http.join();
      resources.add(server);
      Gatehouse gatehouse =
          new Gatehouse(config, parts.accountId(), server, resources, actions(parts));
      LOG.info(
          "{} (ready {} ms after the JVM started)",
          gatehouse.readyLine(),
          java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
      return gatehouse;
    } catch (Exception e) {
      closeWhenStarted(http);
      if (holder == null) {
        closeAll(parts.resources());
      }
      closeAll(resources);
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new StartupException("cannot start: " + cause.getMessage(), cause);
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

  /**
   * The actions each API on the endpoint answers, by signing service ({@code iam}, {@code sts},
   * {@code organizations}...): what the action tables hold, for tests that walk the service models.
   */
  public Map<String, Set<String>> actions() {
    return actions;
  }

  private static Map<String, Set<String>> actions(Parts parts) {
    Map<String, Set<String>> out = new HashMap<>();
    out.put(parts.iam().signingName(), parts.iam().actions());
    for (ApiRoute route : parts.others()) {
      out.put(route.signingName(), route.api().actions());
    }
    for (JsonApi api : parts.json()) {
      out.put(api.signingName(), api.operations().keySet());
    }
    return Map.copyOf(out);
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

  @Override
  public void close() {
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
