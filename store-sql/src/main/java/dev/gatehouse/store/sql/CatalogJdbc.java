package dev.gatehouse.store.sql;

import dev.gatehouse.core.objects.ObjectStoreException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the object catalog reaches the database: read and write transactions on the store's engine,
 * single statements in auto-commit, statement helpers, and the text form of its maps.
 */
final class CatalogJdbc {
  private final SqlStore.Engine engine;
  private final GroupCommit writes;

  CatalogJdbc(SqlStore store) {
    this.engine = store.engine();
    this.writes = store.catalogWrites();
  }

  /** A unit of catalog work on one connection's statements. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Statements s) throws SQLException;
  }

  <T> T read(Work<T> work) {
    try (Connection c = engine.readConnection()) {
      c.setAutoCommit(false);
      Statements s = engine.readStatements(c);
      try {
        T result = work.apply(s);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        s.release();
      }
    } catch (SQLException e) {
      throw ObjectStoreException.internal("object catalog read failed", e);
    }
  }

  /**
   * Runs {@code work} in a write transaction, committed together with concurrent writes where the
   * engine groups commits ({@link GroupCommit}); returns once its commit is durable.
   */
  <T> T write(Work<T> work) {
    try {
      return writes.write(work);
    } catch (SQLException e) {
      throw ObjectStoreException.internal("object catalog write failed", e);
    }
  }

  /**
   * One statement on a connection in auto-commit: a single SELECT reads one snapshot of the
   * database (SQLite and PostgreSQL alike), so it needs no BEGIN and COMMIT of its own.
   */
  <T> T readOne(Work<T> work) {
    try (Connection c = engine.readConnection()) {
      Statements s = engine.readStatements(c);
      try {
        return work.apply(s);
      } finally {
        s.release();
      }
    } catch (SQLException e) {
      throw ObjectStoreException.internal("object catalog read failed", e);
    }
  }

  /** {@code k=v&k=v}, each URL-encoded, in key order. */
  static String encode(Map<String, String> map) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  static Map<String, String> decode(String text) {
    Map<String, String> map = new TreeMap<>();
    if (text.isEmpty()) {
      return map;
    }
    for (String pair : text.split("&", -1)) {
      int eq = pair.indexOf('=');
      map.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return map;
  }
}
