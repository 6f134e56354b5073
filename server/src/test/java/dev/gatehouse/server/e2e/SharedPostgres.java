package dev.gatehouse.server.e2e;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.testsupport.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A throw-away database on the tests' PostgreSQL ({@link TestPostgres}) and the environment nodes
 * sharing it need: the same master key and session keys, and the same root key.
 */
final class SharedPostgres implements AutoCloseable {
  static final String ROOT_KEY_ID = "AKIAGATEHOUSESHARED1";
  static final String ROOT_SECRET = "sharedRootSecretOfTheClusterNodes/0123456";

  final TestPostgres.Database database;
  final Map<String, String> environment;

  SharedPostgres() throws SQLException {
    database = TestPostgres.createDatabase();
    SecureRandom random = new SecureRandom();
    Map<String, String> env = new HashMap<>();
    env.put(KeyRing.ENV, base64Key(random));
    env.put(SessionKeyStore.ENV, "k1:" + base64Key(random));
    env.put(Bootstrap.ENV_ACCESS_KEY_ID, ROOT_KEY_ID);
    env.put(Bootstrap.ENV_SECRET_ACCESS_KEY, ROOT_SECRET);
    env.put(Bootstrap.ENV_ROOT_PASSWORD, "Shared-root-password-1");
    environment = Map.copyOf(env);
  }

  private static String base64Key(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  String url() {
    return database.url();
  }

  ServerConfig config(Path dataDir, ServerConfig.AccountChoice account) {
    return ServerConfig.local(dataDir)
        .withAccount(account)
        .withStore(
            new ServerConfig.StoreChoice.Postgres(url(), database.user(), database.password()));
  }

  Gatehouse start(ServerConfig config, Map<String, String> env) throws Gatehouse.StartupException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Gatehouse.start(config, quiet, Clock.systemUTC(), env);
  }

  /** A node of {@code account} on this database, its data directory {@code dataDir}. */
  Gatehouse startNode(Path dataDir, String account) throws Gatehouse.StartupException {
    return start(config(dataDir, new ServerConfig.AccountChoice.Given(account)), environment);
  }

  /** The root user's key every node bootstraps. */
  static AwsBasicCredentials root() {
    return AwsBasicCredentials.create(ROOT_KEY_ID, ROOT_SECRET);
  }

  static URI endpoint(Gatehouse node) {
    return URI.create("http://127.0.0.1:" + node.port());
  }

  static IamClient iam(Gatehouse node, AwsCredentials credentials) {
    return IamClient.builder()
        .endpointOverride(endpoint(node))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static StsClient sts(Gatehouse node, AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint(node))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  long count(String sql) throws SQLException {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    database.close();
  }
}
