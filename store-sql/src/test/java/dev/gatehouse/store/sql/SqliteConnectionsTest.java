package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the embedded store's connections run besides the statements the store gives them. */
class SqliteConnectionsTest {
  /**
   * An INSERT is one statement: the driver's default follows each with a {@code SELECT
   * last_insert_rowid()} for {@code getGeneratedKeys}, which then holds the new row id; nothing
   * here reads it, and with the default off it holds nothing.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anInsertRunsNoGeneratedKeysQuery(boolean readOnly) throws Exception {
    Path dir = Files.createTempDirectory("gatehouse-connections");
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    try (Connection setup = SqliteStore.dataSource(url, false).getConnection();
        Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT)");
    }
    try (Connection c = SqliteStore.dataSource(url, readOnly).getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO t (data) VALUES (?)")) {
      ps.setString(1, "x");
      assertThat(ps.executeUpdate()).isEqualTo(1);
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertThat(keys.next()).isFalse();
      }
    }
  }
}
