package dev.gatehouse.server.e2e;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A throw-away database on the local PostgreSQL (127.0.0.1:5432, trust auth) and the environment
 * nodes sharing it need: the same master key and session keys, and the same root key.
 */
final class SharedPostgres implements AutoCloseable {
  static final String HOST = "jdbc:postgresql://127.0.0.1:5432/";
  static final String ROOT_KEY_ID = "AKIAGATEHOUSESHARED1";
  static final String ROOT_SECRET = "sharedRootSecretOfTheClusterNodes/0123456";

  final String name;
  final Map<String, String> environment;

  SharedPostgres() throws SQLException {
    name = "gatehouse_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    admin("CREATE DATABASE " + name);
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
    return HOST + name;
  }

  ServerConfig config(Path dataDir, ServerConfig.AccountChoice account) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        dataDir,
        account,
        new ServerConfig.TlsChoice.Plain(),
        false,
        ServerConfig.DEFAULT_MAX_BODY_BYTES,
        new ServerConfig.StoreChoice.Postgres(url(), "postgres", ""));
  }

  Gatehouse start(ServerConfig config, Map<String, String> env) throws Gatehouse.StartupException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Gatehouse.start(config, quiet, Clock.systemUTC(), env);
  }

  long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(), "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(HOST + "test", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
