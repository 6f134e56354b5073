package dev.gatehouse.console;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.server.e2e.GatehouseApiClient;
import dev.gatehouse.server.e2e.MutableClock;
import dev.gatehouse.sigv4.SigningCredentials;
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
 * A live server for the console's tests (embedded store, port 0, account 123456789012): its clock,
 * the root's SDK client and console password (from the root-credentials file), and users with
 * console passwords.
 */
final class ConsoleFixture implements AutoCloseable {
  static final String ACCOUNT = "123456789012";

  final MutableClock clock = new MutableClock();
  final Path dataDir;
  final Gatehouse server;
  final IamClient root;

  private final String rootPassword;
  final String rootKeyId;
  final String rootSecret;

  /** An IAM user with a console password (CreateUser and CreateLoginProfile, as the root). */
  record Login(String userName, String password, boolean resetRequired) {}

  ConsoleFixture(Path dataDir, List<Login> users) throws Exception {
    this(dataDir, users, Map.of());
  }

  /**
   * @param environment the server's environment (for example the console's upload limit)
   */
  ConsoleFixture(Path dataDir, List<Login> users, Map<String, String> environment)
      throws Exception {
    this.dataDir = dataDir;
    ServerConfig config = ServerConfig.local(dataDir).withAccount(ACCOUNT);
    this.server =
        Gatehouse.start(
            config,
            new java.io.PrintStream(
                new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8),
            clock,
            environment);
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
    for (Login u : users) {
      root.createUser(r -> r.userName(u.userName()));
      root.createLoginProfile(
          r ->
              r.userName(u.userName())
                  .password(u.password())
                  .passwordResetRequired(u.resetRequired()));
    }
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

  /** The root's client of Gatehouse's own API (access grants, request policies). */
  GatehouseApiClient gatehouse() {
    return new GatehouseApiClient(URI.create(base()), SigningCredentials.of(rootKeyId, rootSecret));
  }

  /** Sets the user's inline policy {@code name}: Allow {@code actions} on every resource. */
  void allow(String user, String name, String... actions) {
    root.putUserPolicy(
        r ->
            r.userName(user)
                .policyName(name)
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\""
                        + String.join("\",\"", actions)
                        + "\"],\"Resource\":\"*\"}]}"));
  }

  /** A form client signed in as the IAM user (its console home page checked). */
  FormClient signedIn(String user, String password) throws Exception {
    FormClient c = new FormClient(base());
    String home = c.signIn(ACCOUNT, user, password).body();
    if (!home.contains(user + " @ " + ACCOUNT)) {
      throw new AssertionError(user + " could not sign in: " + home);
    }
    return c;
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
