package dev.gatehouse.server;

import java.net.InetAddress;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code --metrics-port N}: {@code /metrics} (and the health endpoints) on a listener of its own,
 * bound to the loopback interface only, unauthenticated: for a scraper on the same machine or a
 * sidecar. Never on the public address.
 */
final class MetricsListener implements AutoCloseable {
  private final Server jetty;
  private final ServerConnector connector;

  MetricsListener(int port, GatehouseMetrics metrics, Readiness readiness) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(4, 1);
    threads.setName("gatehouse-metrics");
    threads.setDaemon(true);
    jetty = new Server(threads);
    connector = new ServerConnector(jetty, 1, 1);
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    jetty.addConnector(connector);
    jetty.setHandler(new HealthHandler(null, readiness, Optional.of(metrics::scrape)));
    jetty.start();
  }

  /** The bound port (the real one when 0 was asked). */
  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("the metrics listener did not stop cleanly", e);
    }
  }
}
