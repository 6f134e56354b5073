package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.OpsServer.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.Operations;
import dev.gatehouse.server.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/live} and {@code /health/ready}: unauthenticated, not audited; ready only while
 * the store answers (not while its PostgreSQL refuses connections, ready again after).
 */
class HealthTest {
  @Test
  void liveAndReadyUnauthenticatedAndNotAudited(@TempDir Path dir) throws Exception {
    try (LiveServer live = new LiveServer(dir)) {
      int port = live.gatehouse.port();
      long auditedBefore = live.auditLines().size();
      HttpResponse<String> alive = get(port, "/health/live");
      assertThat(alive.statusCode()).isEqualTo(200);
      assertThat(alive.body()).contains("\"status\":\"live\"");
      HttpResponse<String> ready = get(port, "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"status\":\"ready\"");
      assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(live.auditLines()).hasSize((int) auditedBefore);
      // Other paths still go to the API, which wants a signature.
      assertThat(get(port, "/health/other").statusCode()).isNotEqualTo(200);
      live.gatehouse.close();
      assertThat(live.auditLines())
          .noneMatch(l -> l.contains("/health/live") || l.contains("/health/ready"));
    }
  }

  @Test
  void notReadyWhileTheStoreIsUnreachableAndReadyAgainAfter(@TempDir Path dir) throws Exception {
    try (SharedPostgres db = new SharedPostgres();
        Gatehouse node =
            OpsServer.start(
                db.config(dir, new ServerConfig.AccountChoice.Stored()),
                new Operations(
                    new Operations.MetricsExposure.LoopbackPort(0), Duration.ofSeconds(2)),
                db.environment)) {
      assertThat(get(node.port(), "/health/ready").statusCode()).isEqualTo(200);
      String name = db.database.name();
      String admin = db.url().substring(0, db.url().length() - name.length()) + "postgres";
      try (Connection c =
              DriverManager.getConnection(admin, db.database.user(), db.database.password());
          Statement s = c.createStatement()) {
        s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + name
                + "'");
        HttpResponse<String> down = awaitStatus(node.port(), 503, Duration.ofSeconds(40));
        assertThat(down.body()).contains("\"status\":\"not ready\"").contains("store");
        // The metrics listener answers the same.
        assertThat(get(node.metricsPort().orElseThrow(), "/health/ready").statusCode())
            .isEqualTo(503);
        assertThat(get(node.port(), "/health/live").statusCode()).isEqualTo(200);

        s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
      }
      HttpResponse<String> up = awaitStatus(node.port(), 200, Duration.ofSeconds(90));
      assertThat(up.body()).contains("\"status\":\"ready\"");
    }
  }

  private static HttpResponse<String> awaitStatus(int port, int status, Duration within)
      throws Exception {
    Instant end = Instant.now().plus(within);
    HttpResponse<String> last = get(port, "/health/ready");
    while (last.statusCode() != status && Instant.now().isBefore(end)) {
      Thread.sleep(250);
      last = get(port, "/health/ready");
    }
    assertThat(last.statusCode()).as(last.body()).isEqualTo(status);
    return last;
  }
}
