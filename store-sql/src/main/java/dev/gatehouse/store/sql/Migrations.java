package dev.gatehouse.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the schema migrations in {@code classpath:db/migration} (shared by both engines).
 *
 * <p>A database whose history already records every bundled migration as applied, and no failed
 * one, is opened without starting Flyway: loading and scanning it is the largest part of a restart.
 * Anything else (new database, pending or failed migrations) goes through Flyway, which validates
 * and migrates.
 */
final class Migrations {
  /**
   * The version of the newest file in {@code db/migration}; {@code MigrationsTest} keeps it true.
   */
  static final int NEWEST = 11;

  private Migrations() {}

  static void migrate(DataSource dataSource) {
    if (upToDate(dataSource)) {
      return;
    }
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  /**
   * Whether the history table records {@link #NEWEST} as its highest version and nothing failed
   * (version numbers may have gaps: each line of work is given its own number).
   */
  static boolean upToDate(DataSource dataSource) {
    String sql =
        "SELECT MAX(CAST(version AS INTEGER)), SUM(CASE WHEN success THEN 0 ELSE 1 END)"
            + " FROM flyway_schema_history WHERE version IS NOT NULL";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() && r.getInt(1) == NEWEST && r.getInt(2) == 0;
    } catch (SQLException e) {
      // No history table yet (a new database), or one this code cannot read: let Flyway decide.
      return false;
    }
  }
}
