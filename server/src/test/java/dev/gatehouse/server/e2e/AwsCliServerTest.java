package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of tests that drive one live server with the Debian AWS CLI. Skipped (visibly) only when
 * /usr/bin/aws is absent; CI installs it.
 */
@ExtendWith(AwsCli.Required.class)
abstract class AwsCliServerTest {
  @TempDir static Path data;
  @TempDir static Path work;
  static LiveServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LiveServer(data);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The account root's credentials. */
  static Map<String, String> root() {
    return AwsCli.keys(server.rootKeyId, server.rootSecret);
  }

  static AwsCli.Result aws(Map<String, String> credentials, String... args) throws Exception {
    return AwsCli.run(server.endpoint(), credentials, work, args);
  }

  /** Runs the CLI as the account root. */
  static AwsCli.Result aws(String... args) throws Exception {
    return aws(root(), args);
  }

  /** Runs the CLI and expects success; returns its JSON output (a null node when there is none). */
  static JsonNode ok(Map<String, String> credentials, String... args) throws Exception {
    AwsCli.Result r = aws(credentials, args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out().isBlank() ? new ObjectMapper().nullNode() : new ObjectMapper().readTree(r.out());
  }

  /** {@link #ok(Map, String...)} as the account root. */
  static JsonNode ok(String... args) throws Exception {
    return ok(root(), args);
  }
}
