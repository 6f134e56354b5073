package dev.gatehouse.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The prepared statements the object catalog runs on one connection, one per SQL text.
 *
 * <p>Preparing is most of a small statement's cost on SQLite (the driver caches nothing), so a
 * connection the engine keeps for itself (SQLite's writer) keeps up to {@code kept} statements open
 * across transactions: a prepared statement stays valid over COMMIT, ROLLBACK and savepoints, and
 * every use here resets it (a result set closed, an update done). A statement that failed is closed
 * and prepared afresh on its next use, so no error state outlives its call. Statements beyond
 * {@code kept}, and all of them where {@code kept} is 0 (pooled connections, which the pool hands
 * to other users), are closed by {@link #release} at the end of the transaction.
 *
 * <p>Callers close the result sets they get, never the statements.
 *
 * <p>INVARIANT: used by one thread at a time (the holder of the connection, or of the write lock
 * for the writer's), so it needs no lock of its own.
 */
final class Statements implements AutoCloseable {
  /** Binds SQL NULL of a binary column (PostgreSQL needs the type of a NULL). */
  static final Object NULL_BINARY = new Object();

  private final Connection connection;
  private final int kept;
  private final Map<String, PreparedStatement> open = new HashMap<>();
  private final List<PreparedStatement> transients = new ArrayList<>();

  Statements(Connection connection, int kept) {
    this.connection = connection;
    this.kept = kept;
  }

  /** Runs a statement that returns rows (a SELECT, or a DELETE with RETURNING). */
  ResultSet query(String sql, Object... args) throws SQLException {
    return execute(sql, args, PreparedStatement::executeQuery);
  }

  /** Runs a statement that returns an update count. */
  int update(String sql, Object... args) throws SQLException {
    return execute(sql, args, PreparedStatement::executeUpdate);
  }

  @FunctionalInterface
  private interface Execution<T> {
    T run(PreparedStatement ps) throws SQLException;
  }

  private <T> T execute(String sql, Object[] args, Execution<T> execution) throws SQLException {
    PreparedStatement ps = bound(sql, args);
    try {
      return execution.run(ps);
    } catch (SQLException | RuntimeException e) {
      discard(sql, ps, e);
      throw e;
    }
  }

  boolean exists(String sql, Object... args) throws SQLException {
    try (ResultSet r = query(sql, args)) {
      return r.next();
    }
  }

  private PreparedStatement bound(String sql, Object... args) throws SQLException {
    PreparedStatement ps = statement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i] == NULL_BINARY) {
          ps.setNull(i + 1, Types.BINARY);
        } else {
          ps.setObject(i + 1, args[i]);
        }
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      discard(sql, ps, e);
      throw e;
    }
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = open.get(sql);
    if (ps != null) {
      return ps;
    }
    ps = connection.prepareStatement(sql);
    if (open.size() < kept) {
      open.put(sql, ps);
    } else {
      transients.add(ps);
    }
    return ps;
  }

  /** Closes a kept statement that failed, so that its next use prepares a fresh one. */
  private void discard(String sql, PreparedStatement ps, Exception failure) {
    if (open.get(sql) == ps) {
      open.remove(sql);
      try {
        ps.close();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** How many statements are kept open across transactions (for tests). */
  int keptCount() {
    return open.size();
  }

  /** Ends a transaction: closes the statements that are not kept. */
  void release() throws SQLException {
    try {
      closeAll(transients);
    } finally {
      transients.clear();
    }
  }

  /** Closes every statement, kept or not: before the connection closes. */
  @Override
  public void close() throws SQLException {
    List<PreparedStatement> all = new ArrayList<>(transients);
    all.addAll(open.values());
    transients.clear();
    open.clear();
    closeAll(all);
  }

  private static void closeAll(List<PreparedStatement> statements) throws SQLException {
    SQLException first = null;
    for (PreparedStatement ps : statements) {
      try {
        ps.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
