package dev.gatehouse.server;

import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.server.e2e.ThrowAwayPostgres;
import dev.gatehouse.store.sql.PostgresStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An empty store for each case, on one store adapter: the case corpora run on every adapter the
 * server can be given. The SQL adapters start each case from an empty, already migrated database,
 * as a restarted server opens one (a migration per case would cost more than the case).
 */
sealed interface FreshStores extends AutoCloseable {
  /** An empty store for one case; {@code dir} is the case's own directory. */
  Store open(Path dir) throws IOException, SQLException;

  @Override
  default void close() throws SQLException {}

  record Memory() implements FreshStores {
    @Override
    public Store open(Path dir) {
      return new MemoryStore();
    }
  }

  /** Each case gets a copy of a database file the adapter created and migrated once. */
  record Sqlite(Path template) implements FreshStores {
    static Sqlite in(Path template) {
      SqliteStore.open(template).close();
      return new Sqlite(template);
    }

    @Override
    public Store open(Path dir) throws IOException {
      try (var files = Files.list(template)) {
        for (Path file : files.toList()) {
          Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return SqliteStore.open(dir);
    }
  }

  /**
   * One throw-away database; each case empties every table the adapter's migrations made, children
   * before the tables their foreign keys name (a DELETE of a few rows costs far less than
   * TRUNCATE).
   */
  record Postgres(ThrowAwayPostgres database) implements FreshStores {
    @Override
    public Store open(Path dir) throws SQLException {
      ServerConfig.StoreChoice.Postgres at = database.store();
      try (Connection c = DriverManager.getConnection(at.jdbcUrl(), at.user(), at.password());
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        for (String table : childrenFirst(s)) {
          s.execute("DELETE FROM " + table);
        }
        c.commit();
      }
      return PostgresStore.open(at.jdbcUrl(), at.user(), at.password(), 2);
    }

    private static List<String> childrenFirst(Statement s) throws SQLException {
      Map<String, Set<String>> parents = new TreeMap<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT format('%I', tablename) FROM pg_tables WHERE schemaname = current_schema()"
                  + " AND tablename <> 'flyway_schema_history'")) {
        while (r.next()) {
          parents.put(r.getString(1), new HashSet<>());
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint"
                  + " WHERE contype = 'f' AND conrelid <> confrelid"
                  + " AND connamespace = current_schema()::regnamespace")) {
        while (r.next()) {
          parents.get(r.getString(1)).add(r.getString(2));
        }
      }
      List<String> out = new ArrayList<>();
      while (!parents.isEmpty()) {
        Set<String> named = new HashSet<>();
        parents.values().forEach(named::addAll);
        List<String> leaves =
            parents.keySet().stream().filter(table -> !named.contains(table)).toList();
        if (leaves.isEmpty()) {
          throw new IllegalStateException("foreign keys in a cycle: " + parents.keySet());
        }
        out.addAll(leaves);
        leaves.forEach(parents::remove);
      }
      return out;
    }

    @Override
    public void close() throws SQLException {
      database.close();
    }
  }
}
