package dev.gatehouse.store.sql;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the schema migrations in {@code classpath:db/migration} (shared by both engines). */
final class Migrations {
  private Migrations() {}

  static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }
}
