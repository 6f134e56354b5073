package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/** Statements kept with the physical connections of a pool, and dropped with them. */
class PooledStatementsTest {

  private static long one(Statements s) throws SQLException {
    try (ResultSet r = s.query("SELECT 1")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aPhysicalConnectionKeepsItsStatementsAcrossBorrowingsUntilThePoolRetiresIt()
      throws Exception {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + Files.createTempDirectory("gatehouse-pooled").resolve("p.db"));
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(sqlite);
    hc.setMaximumPoolSize(1);
    PooledStatements kept = new PooledStatements(SQLiteConnection.class, 4);
    try (HikariDataSource pool = new HikariDataSource(hc)) {
      Statements first;
      Connection physical;
      try (Connection c = pool.getConnection()) {
        physical = c.unwrap(SQLiteConnection.class);
        first = kept.of(c);
        assertThat(one(first)).isEqualTo(1);
      }
      // The pool closed what the proxy prepared; the kept statement is still open.
      try (Connection c = pool.getConnection()) {
        assertThat(kept.of(c)).isSameAs(first);
        assertThat(one(first)).isEqualTo(1);
        assertThat(first.keptCount()).isEqualTo(1);
      }
      pool.getHikariPoolMXBean().softEvictConnections();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!physical.isClosed()) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(1);
      }
      try (Connection c = pool.getConnection()) {
        Statements next = kept.of(c);
        assertThat(next).isNotSameAs(first);
        assertThat(one(next)).isEqualTo(1);
      }
      assertThat(kept.connections()).isEqualTo(1);
    }
    kept.clear();
    assertThat(kept.connections()).isZero();
  }

  private static Connection broken() {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "unwrap" -> proxy;
                  case "isClosed" -> throw new SQLException("injected: broken");
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void aConnectionThatCannotTellWhetherItIsOpenIsForgotten() throws Exception {
    PooledStatements kept = new PooledStatements(Connection.class, 4);
    kept.of(broken());
    kept.of(broken());
    assertThat(kept.connections()).isEqualTo(1);
  }
}
