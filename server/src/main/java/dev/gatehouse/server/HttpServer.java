package dev.gatehouse.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty server: one connector (HTTP, or HTTPS from PEM files), one handler. Stopping it is
 * graceful: the connector stops accepting at once, requests in flight complete within the grace
 * period, then the rest is closed.
 */
final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  private final Server jetty;
  private final ServerConnector connector;

  /** The grace period of a stop when none is given. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

  HttpServer(ServerConfig config, Handler handler) throws IOException, GeneralSecurityException {
    this(config, handler, DEFAULT_GRACE);
  }

  /**
   * @param grace how long a stop waits for requests in flight
   */
  HttpServer(ServerConfig config, Handler handler, Duration grace)
      throws IOException, GeneralSecurityException {
    referencesPerCacheLine();
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("gatehouse-http");
    jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // ApiHandler sends Date from the server clock (SDK clock-skew correction).
    http.setSendDateHeader(false);
    // SigV4 signs header values exactly as sent: Jetty's header cache must not hand the request a
    // cached field that differs in case ("charset=utf-8" for "charset=UTF-8").
    http.setHeaderCacheCaseSensitive(true);
    if (config.tls() instanceof ServerConfig.TlsChoice.Pem pem) {
      char[] password = randomPassword();
      KeyStore keys = PemKeyStore.load(pem.certificateChain(), pem.privateKey(), password);
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStore(keys);
      tls.setKeyStorePassword(new String(password));
      tls.setCertAlias(PemKeyStore.ALIAS);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Clients reach Gatehouse by IP or localhost as often as by the certificate's name.
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      connector =
          new ServerConnector(
              jetty,
              ACCEPTORS,
              selectors(),
              new SslConnectionFactory(tls, "http/1.1"),
              new HttpConnectionFactory(http));
    } else {
      connector =
          new ServerConnector(jetty, ACCEPTORS, selectors(), new HttpConnectionFactory(http));
    }
    connector.setHost(config.bind());
    connector.setPort(config.port());
    jetty.addConnector(connector);
    jetty.setHandler(new GracefulHandler(handler));
    jetty.setStopTimeout(grace.toMillis());
  }

  /** Jetty's default: acceptors chosen by the connector. */
  private static final int ACCEPTORS = -1;

  /**
   * One selector per core. Reads answered from memory run on the selector that parsed them (see
   * {@code InlineReads}), so Jetty's default of one selector per two cores would run them all on
   * half the machine's cores.
   */
  static int selectors() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Jetty's property that sizes the padding of its queues. */
  static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

  /**
   * Answers for Jetty the question it otherwise asks the platform MBean server (whether object
   * references are compressed), starting that server at a fifth of a second of CPU: the VM option
   * read through the diagnostic bean needs no MBean server. Same value as Jetty's MemoryUtils: a
   * cache line over the size of a reference; an operator's own setting stays.
   */
  static void referencesPerCacheLine() {
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) != null) {
      return;
    }
    boolean compressed =
        Boolean.parseBoolean(
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops")
                .getValue());
    int cacheLine = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
    System.setProperty(REFERENCES_PER_CACHE_LINE, String.valueOf(cacheLine / (compressed ? 4 : 8)));
  }

  private static char[] randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).toCharArray();
  }

  void start() throws Exception {
    jetty.start();
  }

  /**
   * Starts a server on {@code executor}, so start-up work goes on meanwhile; the future fails when
   * it cannot start (the port is taken, the PEM files are wrong).
   */
  static CompletableFuture<HttpServer> startOn(
      Executor executor, ServerConfig config, Handler handler, Duration grace) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            HttpServer server = new HttpServer(config, handler, grace);
            server.start();
            return server;
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        },
        executor);
  }

  /** Stops a server that is still starting once it has started (or ignores its failure). */
  static void closeWhenStarted(CompletableFuture<HttpServer> http) {
    try {
      http.join().close();
    } catch (RuntimeException e) {
      LOG.debug("HTTP server did not start", e);
    }
  }

  /**
   * How Jetty invokes the handler tree: non-blocking (on the thread that parsed the request) when
   * every handler on the path declares it.
   */
  Invocable.InvocationType invocationType() {
    return jetty.getInvocationType();
  }

  /** The bound port (the real one when 0 was asked). */
  int port() {
    return connector.getLocalPort();
  }

  void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("HTTP server did not stop cleanly", e);
    }
  }
}
