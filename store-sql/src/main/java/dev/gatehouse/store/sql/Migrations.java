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
  static final int NEWEST = 16;

  /**
   * How many migrations are bundled (versions may skip numbers reserved for work not merged yet);
   * {@code MigrationsTest} keeps it true.
   */
  static final int BUNDLED = 16;

  private Migrations() {}

  static void migrate(DataSource dataSource) {
    if (upToDate(dataSource)) {
      return;
    }
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  /**
   * Whether the history table records {@link #BUNDLED} versions up to {@link #NEWEST} applied and
   * nothing failed.
   */
  static boolean upToDate(DataSource dataSource) {
    String sql =
        "SELECT COUNT(DISTINCT version), SUM(CASE WHEN success THEN 0 ELSE 1 END),"
            + " SUM(CASE WHEN version = '"
            + NEWEST
            + "' THEN 1 ELSE 0 END)"
            + " FROM flyway_schema_history WHERE version IS NOT NULL";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() && r.getInt(1) == BUNDLED && r.getInt(2) == 0 && r.getInt(3) > 0;
    } catch (SQLException e) {
      // No history table yet (a new database), or one this code cannot read: let Flyway decide.
      return false;
    }
  }
}
