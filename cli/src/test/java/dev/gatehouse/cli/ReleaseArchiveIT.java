package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The release archive {@code ./mvnw package} makes: unpacked in an empty directory, it holds the
 * jar, its libraries, the launcher, the systemd unit and the licence files, and it starts with only
 * Java on the PATH (no Maven, no build), becomes ready, answers a signed call and stops on SIGTERM.
 */
class ReleaseArchiveIT {
  private static final Pattern READY =
      Pattern.compile("Gatehouse listening on http://127\\.0\\.0\\.1:(\\d+) \\((\\d{12})\\)");

  @Test
  void unpacksAndStartsWithOnlyJavaOnThePath(@TempDir Path dir) throws Exception {
    Path archive = Path.of(System.getProperty("gatehouse.archive"));
    assertThat(archive).exists();
    String name = archive.getFileName().toString().replace(".tar.gz", "");
    Path unpack = Files.createDirectories(dir.resolve("unpack"));
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpack.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).isZero();
    Path home = unpack.resolve(name);
    assertThat(home.resolve("gatehouse.jar")).isRegularFile();
    assertThat(home.resolve("LICENSE")).isRegularFile();
    assertThat(home.resolve("NOTICE")).isRegularFile();
    assertThat(Files.readString(home.resolve("gatehouse.service")))
        .contains("User=gatehouse")
        .contains("StateDirectory=gatehouse")
        .contains("ExecStart=/opt/gatehouse/bin/gatehouse serve");
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/gatehouse")))
        .contains(PosixFilePermission.OWNER_EXECUTE);
    try (var libs = Files.list(home.resolve("lib"))) {
      assertThat(libs.map(p -> p.getFileName().toString()).toList())
          .anyMatch(f -> f.startsWith("gatehouse-server-"))
          .anyMatch(f -> f.startsWith("jetty-server-"))
          .anyMatch(f -> f.startsWith("micrometer-registry-prometheus-"));
    }
    // Nothing of the source tree: the launcher must not build.
    assertThat(Files.readString(home.resolve("bin/gatehouse"))).doesNotContain("mvnw");

    Path data = dir.resolve("data");
    ProcessBuilder start =
        new ProcessBuilder(
                home.resolve("bin/gatehouse").toString(),
                "serve",
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                "--shutdown-grace",
                "5")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = start.environment();
    env.clear();
    env.put("PATH", Path.of(System.getProperty("java.home")).resolve("bin").toString());
    env.put("HOME", dir.toString());
    Process server = start.start();
    try {
      CompletableFuture<Matcher> ready = new CompletableFuture<>();
      StringBuilder output = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                      output.append(line).append('\n');
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                      ready.complete(m);
                    }
                  }
                } catch (IOException e) {
                  ready.completeExceptionally(e);
                }
                ready.completeExceptionally(new IllegalStateException("the server exited"));
              });
      reader.setDaemon(true);
      reader.start();
      Matcher line;
      try {
        line = ready.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        synchronized (output) {
          throw new AssertionError("no ready line; output:\n" + output, e);
        }
      }
      int port = Integer.parseInt(line.group(1));
      String account = line.group(2);
      awaitReady(port);

      Map<String, String> creds = credentials(data.resolve("root-credentials"));
      try (StsClient sts =
          StsClient.builder()
              .endpointOverride(URI.create("http://127.0.0.1:" + port))
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  () ->
                      AwsBasicCredentials.create(
                          creds.get("aws_access_key_id"), creds.get("aws_secret_access_key")))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        assertThat(sts.getCallerIdentity().account()).isEqualTo(account);
      }

      server.destroy(); // SIGTERM: a graceful shutdown
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(server.exitValue()).isIn(0, 143);
      try (var files = Files.list(data.resolve("audit"))) {
        List<Path> days = files.toList();
        assertThat(days).isNotEmpty();
        assertThat(Files.readString(days.get(0))).contains("\"eventName\":\"GetCallerIdentity\"");
      }
    } finally {
      server.destroyForcibly();
    }
  }

  private static void awaitReady(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant end = Instant.now().plusSeconds(60);
    int status = 0;
    while (Instant.now().isBefore(end)) {
      status =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
      if (status == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not ready: " + status);
  }

  private static Map<String, String> credentials(Path file) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String l : Files.readAllLines(file)) {
      int eq = l.indexOf('=');
      if (eq > 0 && !l.startsWith("#")) {
        out.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
      }
    }
    return out;
  }
}
