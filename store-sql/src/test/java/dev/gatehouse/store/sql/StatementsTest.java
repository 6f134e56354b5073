package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statements kept open across transactions, and the ones closed with their transaction. */
class StatementsTest {
  private static final String INSERT = "INSERT INTO t (id, data) VALUES (?, ?)";
  private static final String COUNT = "SELECT count(*) FROM t";

  private Connection c;

  @BeforeEach
  void open() throws Exception {
    Path dir = Files.createTempDirectory("gatehouse-statements");
    c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB)");
    }
    c.setAutoCommit(false);
  }

  @AfterEach
  void close() throws Exception {
    c.close();
  }

  private static long count(Statements s) throws SQLException {
    try (ResultSet r = s.query(COUNT)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aKeptStatementServesEveryTransactionThroughCommitsRollbacksAndSavepoints() throws Exception {
    Statements s = new Statements(c, 8);
    assertThat(s.update(INSERT, 1, new byte[] {1})).isEqualTo(1);
    c.commit();
    s.release();
    s.update(INSERT, 2, new byte[] {2});
    c.rollback();
    s.release();
    var sp = c.setSavepoint();
    s.update(INSERT, 3, new byte[] {3});
    c.rollback(sp);
    s.update(INSERT, 4, Statements.NULL_BINARY);
    c.releaseSavepoint(sp);
    c.commit();
    s.release();
    assertThat(s.keptCount()).isEqualTo(1);
    assertThat(count(s)).isEqualTo(2);
    assertThat(s.exists("SELECT 1 FROM t WHERE id = ? AND data IS NULL", 4)).isTrue();
    assertThat(s.exists("SELECT 1 FROM t WHERE id = ?", 3)).isFalse();
    assertThat(s.keptCount()).isEqualTo(4);
    s.close();
    assertThat(s.keptCount()).isZero();
  }

  @Test
  void statementsBeyondTheKeptOnesCloseWithTheirTransaction() throws Exception {
    Statements s = new Statements(c, 1);
    ResultSet kept = s.query(COUNT);
    kept.close();
    ResultSet other = s.query("SELECT 1");
    PreparedStatement transientOne = (PreparedStatement) other.getStatement();
    other.close();
    assertThat(transientOne.isClosed()).isFalse();
    s.release();
    assertThat(transientOne.isClosed()).isTrue();
    assertThat(count(s)).isZero();
    assertThat(s.keptCount()).isEqualTo(1);
    s.close();
  }

  @Test
  void nothingIsKeptWhereNoneMayBe() throws Exception {
    Statements s = new Statements(c, 0);
    ResultSet r = s.query(COUNT);
    PreparedStatement ps = (PreparedStatement) r.getStatement();
    r.close();
    assertThat(s.keptCount()).isZero();
    s.close();
    assertThat(ps.isClosed()).isTrue();
  }

  @Test
  void aStatementThatFailedIsPreparedAfresh() throws Exception {
    Statements s = new Statements(c, 8);
    s.update(INSERT, 1, new byte[] {1});
    assertThatThrownBy(() -> s.update(INSERT, 1, new byte[] {1})).isInstanceOf(SQLException.class);
    assertThat(s.keptCount()).isZero();
    s.update(INSERT, 2, new byte[] {2});
    assertThat(s.keptCount()).isEqualTo(1);
    // One value too many: the driver fails while binding.
    assertThatThrownBy(() -> s.query("SELECT * FROM t WHERE id = ?", 1, 2))
        .isInstanceOf(RuntimeException.class);
    assertThat(s.keptCount()).isEqualTo(1);
    assertThat(count(s)).isEqualTo(2);
    s.close();
  }

  @Test
  void aQueryThatFailsToRunIsDiscarded() throws Exception {
    Statements s = new Statements(c, 8);
    assertThatThrownBy(() -> s.query("DELETE FROM t WHERE id = ?", 1))
        .isInstanceOf(SQLException.class);
    assertThat(s.keptCount()).isZero();
    s.close();
  }

  /** Statements whose execution and closing fail, as a broken connection's would. */
  private static Connection failing(List<PreparedStatement> made) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("prepareStatement")) {
                throw new UnsupportedOperationException(method.getName());
              }
              PreparedStatement ps =
                  (PreparedStatement)
                      Proxy.newProxyInstance(
                          PreparedStatement.class.getClassLoader(),
                          new Class<?>[] {PreparedStatement.class},
                          (p, m, a) -> {
                            switch (m.getName()) {
                              case "setObject", "executeQuery" -> {
                                return null;
                              }
                              case "close", "executeUpdate" ->
                                  throw new SQLException("injected: " + m.getName());
                              default -> throw new UnsupportedOperationException(m.getName());
                            }
                          });
              made.add(ps);
              return ps;
            });
  }

  @Test
  void closingFailuresAreReportedTogetherAndDoNotHideTheFirstFailure() throws Exception {
    List<PreparedStatement> made = new ArrayList<>();
    Statements kept = new Statements(failing(made), 1);
    assertThatThrownBy(() -> kept.update("UPDATE a SET x = ?", 1))
        .hasMessage("injected: executeUpdate")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThat(kept.keptCount()).isZero();
    assertThat(kept.query("SELECT x")).isNull();
    assertThat(kept.keptCount()).isEqualTo(1);
    assertThatThrownBy(kept::close).hasMessage("injected: close");

    Statements transients = new Statements(failing(made), 0);
    for (String table : List.of("a", "b", "c")) {
      assertThatThrownBy(() -> transients.update("UPDATE " + table + " SET x = ?", 1))
          .hasMessage("injected: executeUpdate")
          .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
    }
    assertThat(made).hasSize(5);
    assertThatThrownBy(transients::release)
        .hasMessage("injected: close")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
  }
}
