package dev.gatehouse.server.e2e;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.Operations;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the operations tests share: a server started with operations, and plain HTTP GETs. */
final class OpsServer {
  private OpsServer() {}

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static Gatehouse start(ServerConfig config, Operations operations, Map<String, String> env)
      throws Gatehouse.StartupException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Gatehouse.start(config, operations, quiet, Clock.systemUTC(), env);
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The value of the sample {@code name} whose labels include every {@code label=value} pair given,
   * or 0 when there is none.
   */
  static double sample(String scrape, String name, String... labels) {
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$");
    double sum = 0;
    for (String l : scrape.split("\n")) {
      Matcher m = line.matcher(l);
      if (!m.matches()) {
        continue;
      }
      boolean all = true;
      for (String pair : labels) {
        int eq = pair.indexOf('=');
        String wanted = pair.substring(0, eq) + "=\"" + pair.substring(eq + 1) + "\"";
        all &= ("," + m.group(1) + ",").contains("," + wanted + ",");
      }
      if (all) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }
}
