package dev.gatehouse.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The store shared by several nodes: PostgreSQL.
 *
 * <p>Write transactions take one transaction-scoped advisory lock first, so writes from all nodes
 * are serialized and the port's check-then-write invariants (limits, uniqueness, deletion order)
 * hold across nodes. IAM writes are rare next to reads and authorizations, which never take the
 * lock. Reads run at REPEATABLE READ for a consistent view.
 */
public final class PostgresStore {
  /** An arbitrary constant naming Gatehouse's write lock among advisory locks. */
  static final long WRITE_LOCK_KEY = 0x6761746568L;

  private PostgresStore() {}

  /** Connects, migrates and returns a store. */
  public static SqlStore open(String jdbcUrl, String user, String password, int poolSize) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setMaximumPoolSize(poolSize);
    hc.setPoolName("gatehouse-postgres");
    hc.setAutoCommit(false);
    HikariDataSource ds = new HikariDataSource(hc);
    try {
      Migrations.migrate(ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new SqlStore(new Engine(ds));
  }

  private static final class Engine implements SqlStore.Engine {
    private final HikariDataSource ds;

    Engine(HikariDataSource ds) {
      this.ds = ds;
    }

    @Override
    public Connection readConnection() throws SQLException {
      Connection c = ds.getConnection();
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      return c;
    }

    @Override
    public Connection beginWrite() throws SQLException {
      Connection c = ds.getConnection();
      try {
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          ps.setLong(1, WRITE_LOCK_KEY);
          ps.execute();
        }
        return c;
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    }

    @Override
    public void endWrite(Connection connection) throws SQLException {
      connection.close();
    }

    @Override
    public HikariDataSource pool() {
      return ds;
    }

    @Override
    public void close() {
      ds.close();
    }
  }
}
