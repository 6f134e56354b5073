package dev.gatehouse.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kept statements for the connections of a pool, one {@link Statements} per physical connection.
 *
 * <p>The pool hands out a proxy per borrowing and closes, when the connection returns, every
 * statement prepared through that proxy; statements are therefore prepared on the physical
 * connection ({@code unwrap}), which the pool does not track, and found again by it the next time
 * any thread borrows it. A physical connection is borrowed by one thread at a time, so its
 * statements are too. The pool retires connections (lifetime, failures) and closes them, which
 * closes their statements; their entries are dropped when a new connection arrives, so there are
 * never many more entries than the pool has connections.
 */
final class PooledStatements {
  private final Class<? extends Connection> physical;
  private final int kept;
  private final ConcurrentHashMap<Connection, Statements> byConnection = new ConcurrentHashMap<>();

  PooledStatements(Class<? extends Connection> physical, int kept) {
    this.physical = physical;
    this.kept = kept;
  }

  /** The statements of the physical connection behind {@code pooled}, a borrowed connection. */
  Statements of(Connection pooled) throws SQLException {
    Connection c = pooled.unwrap(physical);
    Statements s = byConnection.get(c);
    if (s == null) {
      byConnection.keySet().removeIf(PooledStatements::closed);
      s = new Statements(c, kept);
      byConnection.put(c, s);
    }
    return s;
  }

  private static boolean closed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** How many connections have statements here (for tests). */
  int connections() {
    return byConnection.size();
  }

  /** Forgets every connection's statements: once the pool, which closes them, is closed. */
  void clear() {
    byConnection.clear();
  }
}
