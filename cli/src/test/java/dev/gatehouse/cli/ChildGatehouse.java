package dev.gatehouse.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The product as an operator runs it, in a child JVM: {@code gatehouse serve --port 0 --data-dir
 * DIR} ({@link Main}, on this module's test class path), with the JVM options a test gives (a small
 * heap). It answers once it printed its ready line; {@link #kill()} is {@code kill -9}.
 */
final class ChildGatehouse implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("Gatehouse listening on (http://\\S+) ");

  private final Process process;
  private final Path log;
  final URI endpoint;
  final AwsBasicCredentials root;

  private ChildGatehouse(Process process, Path log, URI endpoint, AwsBasicCredentials root) {
    this.process = process;
    this.log = log;
    this.endpoint = endpoint;
    this.root = root;
  }

  /**
   * Starts {@code serve} on {@code dataDir} (created on first start) and waits until it is ready.
   */
  static ChildGatehouse start(Path dataDir, String... jvmOptions) throws Exception {
    Files.createDirectories(dataDir);
    Path log = Files.createTempFile(dataDir.getParent(), "child-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null) {
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    return m.group(1);
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String url;
    try {
      url = ready.get(90, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      url = null;
    }
    if (url == null) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("the child server did not start: " + Files.readString(log));
    }
    Map<String, String> creds = credentials(dataDir.resolve("root-credentials"));
    return new ChildGatehouse(
        process,
        log,
        URI.create(url),
        AwsBasicCredentials.create(
            creds.get("aws_access_key_id"), creds.get("aws_secret_access_key")));
  }

  private static Map<String, String> credentials(Path file) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /**
   * A path-style S3 client of the AWS SDK v2 signing as the root user, without retries: a request
   * the server did not answer fails at once instead of being sent again.
   */
  S3Client s3() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(root))
        .httpClient(
            UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofSeconds(60))
                .connectionTimeout(Duration.ofSeconds(5))
                .build())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** What the child wrote to its standard error so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** {@code kill -9}: no shutdown hook, no flush, no close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as an operator stops the server. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
