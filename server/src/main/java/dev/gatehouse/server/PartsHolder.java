package dev.gatehouse.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the current pipeline parts (store, services) and, in {@code --dev} mode, replaces them with
 * fresh ones on {@code POST /_gatehouse/reset}: the store is deleted and bootstrapped again with
 * the same account id, as emulator-based test suites expect between runs.
 */
final class PartsHolder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartsHolder.class);

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

  private final ServerConfig config;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final DeferredHandler deferred;
  private final Function<Gatehouse.Parts, Handler> pipeline;
  private Gatehouse.Parts current;

  PartsHolder(
      ServerConfig config,
      PrintStream err,
      Map<String, String> environment,
      DeferredHandler deferred,
      Function<Gatehouse.Parts, Handler> pipeline,
      Gatehouse.Parts initial) {
    this.config = config;
    this.err = err;
    this.environment = Map.copyOf(environment);
    this.deferred = deferred;
    this.pipeline = pipeline;
    this.current = initial;
  }

  /** Installs the pipeline for the current parts. */
  synchronized void install() throws Exception {
    deferred.install(pipeline.apply(current));
  }

  /**
   * Deletes the store and starts over with the same account id. Requests arriving meanwhile get
   * ServiceUnavailable.
   *
   * @return the account id
   */
  synchronized String reset() throws Exception {
    String accountId = current.accountId();
    deferred.suspend();
    Gatehouse.closeAll(current.resources());
    for (String name : STORE_FILES) {
      Files.deleteIfExists(config.dataDir().resolve(name));
    }
    ServerConfig pinned =
        new ServerConfig(
            config.bind(),
            config.port(),
            config.dataDir(),
            new ServerConfig.AccountChoice.Given(accountId),
            config.tls(),
            config.dev(),
            config.maxBodyBytes());
    Clock clock = current.clock();
    // The same keys and first-start credentials as the server started with.
    current = Wiring.build(pinned, err, clock, environment);
    install();
    LOG.warn("--dev reset: store of account {} deleted and bootstrapped again", accountId);
    return accountId;
  }

  Path dataDir() {
    return config.dataDir();
  }

  @Override
  public synchronized void close() {
    Gatehouse.closeAll(current.resources());
  }
}
