package dev.gatehouse.store.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * The schema of an empty database made from the bundled migrations without Flyway: each file's
 * statements run in order, and each file is recorded in Flyway's history table as Flyway records it
 * (the table as Flyway creates it for the engine, the same rank, version, description, type,
 * script, checksum, installed-by and success), so that a later release with a new migration
 * migrates through Flyway, whose validation accepts these rows. Loading and running Flyway was the
 * largest part of a first start.
 *
 * <p>Everything, the history table included, is made in one transaction: a failure, or another node
 * making the same schema at once (PostgreSQL makes the second wait for the first's table names,
 * then refuses them), leaves nothing, and the caller hands the database to Flyway, which migrates
 * it or reports why it cannot. A database that has any table is not empty and is Flyway's.
 */
final class FreshSchema {
  /** Flyway's history table (its default name). */
  static final String HISTORY = "flyway_schema_history";

  /** One migration: its file name (as {@code V<version>__<description>.sql}) and its text. */
  record Script(String name, String text) {
    Script {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
      if (!name.matches("V[0-9][0-9_]*__.+\\.sql")) {
        throw new IllegalArgumentException("not a versioned migration: " + name);
      }
    }

    /** The version as Flyway writes it: the digits of the prefix, {@code _} read as {@code .}. */
    String version() {
      return name.substring(1, name.indexOf("__")).replace('_', '.');
    }

    /** The description as Flyway writes it: the rest of the name, {@code _} read as a space. */
    String description() {
      return name.substring(name.indexOf("__") + 2, name.length() - ".sql".length())
          .replace('_', ' ');
    }

    /**
     * Flyway's checksum: a CRC-32 over the UTF-8 bytes of each line (line ends left out, a
     * byte-order mark dropped).
     */
    int checksum() {
      CRC32 crc = new CRC32();
      try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
          }
          crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringReader does not fail
      }
      return (int) crc.getValue();
    }

    /**
     * The statements, split at semicolons outside quotes and comments; comments are left out.
     * Enough for the bundled files (no procedural blocks); the schema tests compare the result with
     * Flyway's.
     */
    List<String> statements() {
      List<String> out = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      int n = text.length();
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
          int end = text.indexOf('\n', i);
          i = end < 0 ? n : end;
          current.append('\n');
        } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
          int end = text.indexOf("*/", i + 2);
          i = end < 0 ? n : end + 1;
          current.append(' ');
        } else if (c == '\'' || c == '"') {
          int end = i + 1;
          while (end < n && text.charAt(end) != c) {
            end++;
          }
          current.append(text, i, Math.min(end + 1, n));
          i = end;
        } else if (c == ';') {
          add(out, current);
        } else if (c != '\uFEFF') { // a byte-order mark is no part of a statement
          current.append(c);
        }
      }
      add(out, current);
      return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
      String s = statement.toString().strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
      statement.setLength(0);
    }
  }

  private FreshSchema() {}

  /** The bundled files of {@link Migrations#FILES}, read from the class path. */
  static List<Script> bundled() {
    ClassLoader loader = FreshSchema.class.getClassLoader();
    List<Script> scripts = new ArrayList<>(Migrations.FILES.size());
    for (String file : Migrations.FILES) {
      String path = Migrations.LOCATION + "/" + file;
      // INVARIANT: every name in FILES is a file of LOCATION (MigrationsTest).
      try (InputStream in = Objects.requireNonNull(loader.getResourceAsStream(path), path);
          Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int k = r.read(buffer); k >= 0; k = r.read(buffer)) {
          text.append(buffer, 0, k);
        }
        scripts.add(new Script(file, text.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
    return scripts;
  }

  /**
   * Makes the schema of {@code scripts} in an empty database and records it.
   *
   * @return true when it did; false when the database is not empty, its engine is not one of ours,
   *     or making it failed (then nothing of it is left)
   */
  static boolean create(DataSource dataSource, List<Script> scripts) {
    try (Connection c = dataSource.getConnection()) {
      Engine engine = Engine.of(c);
      if (engine == null) {
        return false;
      }
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        if (!empty(c, engine)) {
          c.rollback();
          return false;
        }
        try (Statement s = c.createStatement()) {
          // The history table first, as Flyway makes it: nodes racing for a new database then
          // queue on its name whichever way each makes the schema.
          for (String ddl : engine.historyTable()) {
            s.execute(ddl);
          }
        }
        String insert =
            "INSERT INTO "
                + HISTORY
                + " (installed_rank, version, description, type, script, checksum, installed_by,"
                + " execution_time, success) VALUES (?, ?, ?, 'SQL', ?, ?, "
                + engine.currentUser()
                + ", ?, ?)";
        int rank = 0;
        for (Script script : scripts) {
          long started = System.nanoTime();
          try (Statement s = c.createStatement()) {
            for (String statement : script.statements()) {
              s.execute(statement);
            }
          }
          int millis = (int) ((System.nanoTime() - started) / 1_000_000);
          try (PreparedStatement p = c.prepareStatement(insert)) {
            p.setInt(1, ++rank);
            p.setString(2, script.version());
            p.setString(3, script.description());
            p.setString(4, script.name());
            p.setInt(5, script.checksum());
            p.setInt(6, millis);
            p.setBoolean(7, true);
            p.executeUpdate();
          }
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        return false;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean empty(Connection c, Engine engine) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(engine.countTables())) {
      return r.next() && r.getInt(1) == 0;
    }
  }

  /** The engines' differences: Flyway's history table for each, and how to find tables. */
  private record Engine(String countTables, String currentUser, List<String> historyTable) {
    static final Engine SQLITE =
        new Engine(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            "''",
            "CREATE TABLE \"main\".\""
                + HISTORY
                + "\" (\n"
                + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
                + "    \"version\" VARCHAR(50),\n"
                + "    \"description\" VARCHAR(200) NOT NULL,\n"
                + "    \"type\" VARCHAR(20) NOT NULL,\n"
                + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                + "    \"checksum\" INT,\n"
                + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                + "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
                + "    \"execution_time\" INT NOT NULL,\n"
                + "    \"success\" BOOLEAN NOT NULL\n"
                + ")",
            "CREATE INDEX \"main\".\"" + HISTORY + "_s_idx\" ON \"" + HISTORY + "\" (\"success\")");

    static final Engine POSTGRESQL =
        new Engine(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            "current_user",
            "CREATE TABLE \""
                + HISTORY
                + "\" (\n"
                + "    \"installed_rank\" INT NOT NULL,\n"
                + "    \"version\" VARCHAR(50),\n"
                + "    \"description\" VARCHAR(200) NOT NULL,\n"
                + "    \"type\" VARCHAR(20) NOT NULL,\n"
                + "    \"script\" VARCHAR(1000) NOT NULL,\n"
                + "    \"checksum\" INTEGER,\n"
                + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                + "    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n"
                + "    \"execution_time\" INTEGER NOT NULL,\n"
                + "    \"success\" BOOLEAN NOT NULL\n"
                + ")",
            "ALTER TABLE \""
                + HISTORY
                + "\" ADD CONSTRAINT \""
                + HISTORY
                + "_pk\" PRIMARY KEY (\"installed_rank\")",
            "CREATE INDEX \"" + HISTORY + "_s_idx\" ON \"" + HISTORY + "\" (\"success\")");

    Engine(String countTables, String currentUser, String... historyTable) {
      this(countTables, currentUser, List.of(historyTable));
    }

    static Engine of(Connection c) throws SQLException {
      String product = c.getMetaData().getDatabaseProductName();
      if ("SQLite".equals(product)) {
        return SQLITE;
      }
      return "PostgreSQL".equals(product) ? POSTGRESQL : null;
    }
  }
}
