package dev.gatehouse.server.e2e;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** A real Gatehouse (embedded store, temp data dir, port 0) and clients for it. */
final class LiveServer implements AutoCloseable {
  final Path dataDir;
  final Gatehouse gatehouse;
  final String rootKeyId;
  final String rootSecret;

  LiveServer(Path dataDir) throws Exception {
    this(dataDir, false);
  }

  LiveServer(Path dataDir, boolean dev) throws Exception {
    this.dataDir = dataDir;
    ServerConfig config = ServerConfig.local(dataDir).withAccount("123456789012").withDev(dev);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    gatehouse = Gatehouse.start(config, quiet, Clock.systemUTC(), Map.of());
    Map<String, String> creds = credentialsFile(dataDir.resolve("root-credentials"));
    rootKeyId = creds.get("aws_access_key_id");
    rootSecret = creds.get("aws_secret_access_key");
  }

  static Map<String, String> credentialsFile(Path file) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + gatehouse.port());
  }

  IamClient client(String keyId, String secret) {
    return IamClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  IamClient root() {
    return client(rootKeyId, rootSecret);
  }

  /** Today's audit lines. */
  List<String> auditLines() throws IOException {
    return auditLinesOf(dataDir);
  }

  /** The audit lines of the server whose data dir is {@code dataDir}. */
  static List<String> auditLinesOf(Path dataDir) throws IOException {
    try (var files = Files.list(dataDir.resolve("audit"))) {
      List<String> out = new java.util.ArrayList<>();
      for (Path p : files.toList()) {
        out.addAll(Files.readAllLines(p));
      }
      return out;
    }
  }

  @Override
  public void close() {
    gatehouse.close();
  }
}
