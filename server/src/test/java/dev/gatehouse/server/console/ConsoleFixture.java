package dev.gatehouse.server.console;

import dev.gatehouse.server.ConsoleTestServer;
import dev.gatehouse.server.Gatehouse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A live server for the console's tests: its clock, the root's SDK client (from the
 * root-credentials file) and the console passwords of the root and of users.
 */
final class ConsoleFixture implements AutoCloseable {
  static final String ACCOUNT = ConsoleTestServer.ACCOUNT;

  final MovableClock clock = new MovableClock();
  final Path dataDir;
  Gatehouse server;
  final IamClient root;

  private final String rootPassword;
  final String rootKeyId;
  final String rootSecret;

  /** An IAM user with a console password, created before the server serves. */
  record Login(String userName, String password, boolean resetRequired) {}

  ConsoleFixture(Path dataDir, List<Login> users) throws Exception {
    this.dataDir = dataDir;
    // The first start bootstraps the account; the users' passwords go into the stopped store.
    ConsoleTestServer.start(dataDir, clock).close();
    try (ConsoleTestServer.Logins logins = new ConsoleTestServer.Logins(dataDir, clock)) {
      for (Login u : users) {
        logins.create(u.userName(), u.password(), u.resetRequired());
      }
    }
    this.server = ConsoleTestServer.start(dataDir, clock);
    Map<String, String> creds = credentialsFile(dataDir.resolve("root-credentials"));
    root =
        IamClient.builder()
            .endpointOverride(URI.create(base()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"))))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    rootPassword = creds.get("console_password");
    rootKeyId = creds.get("aws_access_key_id");
    rootSecret = creds.get("aws_secret_access_key");
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  String rootPassword() {
    return rootPassword;
  }

  /** Lets a user call sts:AssumeRole on a role (inline policy AssumeRole-ROLE). */
  void mayAssume(String user, String role) {
    root.putUserPolicy(
        r ->
            r.userName(user)
                .policyName("AssumeRole-" + role)
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::"
                        + ACCOUNT
                        + ":role/"
                        + role
                        + "\"}]}"));
  }

  /** A role trusting {@code principal}, with an optional condition block, and S3 full access. */
  void role(String name, String principal, String condition) {
    root.createRole(
        r ->
            r.roleName(name)
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\""
                        + principal
                        + "\"},\"Action\":\"sts:AssumeRole\""
                        + condition
                        + "}]}"));
    root.attachRolePolicy(
        r -> r.roleName(name).policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
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

  /** Today's audit lines. */
  List<String> auditLines() throws IOException {
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
    root.close();
    server.close();
  }
}
