package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testsupport.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * A new database's schema made without Flyway is the one Flyway makes, recorded as Flyway records
 * it, on both engines: Flyway validates it, migrates it on when a release adds a file, and catches
 * a changed file.
 */
class FreshSchemaTest {
  private static final String SQLITE_SCHEMA =
      "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";

  // Columns (with type, nullability, default), constraints and indexes of the current schema; not
  // the NOT NULL constraints (named by table oid; the columns' nullability shows them).
  private static final String POSTGRES_SCHEMA =
      "SELECT 'column', table_name || '.' || column_name, data_type, is_nullable,"
          + " COALESCE(column_default, ''), COALESCE(character_maximum_length, 0)"
          + " FROM information_schema.columns WHERE table_schema = current_schema()"
          + " UNION ALL SELECT 'constraint', table_name || '.' || constraint_name, constraint_type,"
          + " '', '', 0 FROM information_schema.table_constraints"
          + " WHERE table_schema = current_schema() AND constraint_name NOT LIKE '%_not_null'"
          + " UNION ALL SELECT 'index', indexname, indexdef, '', '', 0 FROM pg_indexes"
          + " WHERE schemaname = current_schema() ORDER BY 1, 2, 3";

  /** The history without the columns of the moment (when, how long). */
  private static final String HISTORY =
      "SELECT installed_rank, version, description, type, script, checksum, installed_by, success"
          + " FROM flyway_schema_history ORDER BY installed_rank";

  @Test
  void sqliteSchemaAndHistoryAreFlyways(@TempDir Path dir) throws Exception {
    DataSource fresh = sqlite(dir.resolve("fresh.db"));
    DataSource flyway = sqlite(dir.resolve("flyway.db"));
    assertThat(FreshSchema.create(fresh, FreshSchema.bundled())).isTrue();
    Migrations.flyway(flyway).migrate();

    assertThat(rows(fresh, SQLITE_SCHEMA)).isEqualTo(rows(flyway, SQLITE_SCHEMA)).isNotEmpty();
    assertThat(rows(fresh, HISTORY)).hasSize(Migrations.BUNDLED).isEqualTo(rows(flyway, HISTORY));
    Migrations.flyway(fresh).validate();
    assertThat(Migrations.upToDate(fresh)).isTrue();
  }

  @Test
  void postgresSchemaAndHistoryAreFlyways() throws Exception {
    try (TestPostgres.Database a = TestPostgres.createDatabase();
        TestPostgres.Database b = TestPostgres.createDatabase()) {
      DataSource fresh = postgres(a);
      DataSource flyway = postgres(b);
      assertThat(FreshSchema.create(fresh, FreshSchema.bundled())).isTrue();
      Migrations.flyway(flyway).migrate();

      assertThat(rows(fresh, POSTGRES_SCHEMA))
          .isEqualTo(rows(flyway, POSTGRES_SCHEMA))
          .isNotEmpty();
      assertThat(rows(fresh, HISTORY)).hasSize(Migrations.BUNDLED).isEqualTo(rows(flyway, HISTORY));
      Migrations.flyway(fresh).validate();

      // A release with one more file: Flyway applies it on top of the fresh schema.
      try (TestPostgres.Database c = TestPostgres.createDatabase()) {
        DataSource older = postgres(c);
        List<FreshSchema.Script> all = FreshSchema.bundled();
        assertThat(FreshSchema.create(older, all.subList(0, all.size() - 1))).isTrue();
        Migrations.migrate(older);
        Migrations.flyway(older).validate();
        assertThat(rows(older, POSTGRES_SCHEMA)).isEqualTo(rows(flyway, POSTGRES_SCHEMA));
      }
    }
  }

  @Test
  void aReleaseWithANewFileMigratesThroughFlyway(@TempDir Path dir) throws Exception {
    DataSource older = sqlite(dir.resolve("older.db"));
    DataSource flyway = sqlite(dir.resolve("flyway.db"));
    List<FreshSchema.Script> all = FreshSchema.bundled();
    assertThat(FreshSchema.create(older, all.subList(0, all.size() - 1))).isTrue();
    assertThat(Migrations.upToDate(older)).isFalse();
    assertThat(Migrations.flyway(older).info().pending()).hasSize(1);

    Migrations.migrate(older);
    Migrations.flyway(flyway).migrate();
    Migrations.flyway(older).validate();
    assertThat(rows(older, HISTORY)).isEqualTo(rows(flyway, HISTORY));
    assertThat(rows(older, SQLITE_SCHEMA)).isEqualTo(rows(flyway, SQLITE_SCHEMA));
  }

  @Test
  void aChangedFileIsCaught(@TempDir Path dir) throws Exception {
    DataSource db = sqlite(dir.resolve("c.db"));
    Migrations.migrate(db);
    Migrations.flyway(db).validate();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");
    }
    assertThatThrownBy(() -> Migrations.flyway(db).validate())
        .isInstanceOf(FlywayException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void aFailureLeavesNothingAndFlywayDecides(@TempDir Path dir) throws Exception {
    DataSource db = sqlite(dir.resolve("f.db"));
    List<FreshSchema.Script> scripts = new ArrayList<>(FreshSchema.bundled());
    scripts.add(new FreshSchema.Script("V99__broken.sql", "CREATE TABLE t (a INT);\nNOT SQL;"));
    assertThat(FreshSchema.create(db, scripts)).isFalse();
    assertThat(rows(db, SQLITE_SCHEMA)).as("nothing left").isEmpty();

    // Not empty: left to Flyway.
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE mine (a INT)");
    }
    assertThat(FreshSchema.create(db, FreshSchema.bundled())).isFalse();
    assertThat(rows(db, SQLITE_SCHEMA)).hasSize(1);
    // A second run on a made schema is refused too (it has tables).
    DataSource made = sqlite(dir.resolve("m.db"));
    assertThat(FreshSchema.create(made, FreshSchema.bundled())).isTrue();
    assertThat(FreshSchema.create(made, FreshSchema.bundled())).isFalse();
    assertThat(rows(made, HISTORY)).hasSize(Migrations.BUNDLED);
  }

  @Test
  void scriptsAreReadAsFlywayReadsThem() {
    FreshSchema.Script s =
        new FreshSchema.Script(
            "V2_1__role_last_used.sql",
            """
            \uFEFF-- a comment; with 'quotes
            CREATE TABLE "a;b" (x VARCHAR(3) DEFAULT 'x;y'); /* c; */
            ALTER TABLE t ADD COLUMN y INT;
            """);
    assertThat(s.version()).isEqualTo("2.1");
    assertThat(s.description()).isEqualTo("role last used");
    assertThat(s.statements())
        .containsExactly(
            "CREATE TABLE \"a;b\" (x VARCHAR(3) DEFAULT 'x;y')", "ALTER TABLE t ADD COLUMN y INT");
    // The mark is not part of the checksum; the line ends are not either.
    assertThat(s.checksum())
        .isEqualTo(
            new FreshSchema.Script("V2_1__role_last_used.sql", s.text().substring(1)).checksum())
        .isEqualTo(
            new FreshSchema.Script(
                    "V2_1__role_last_used.sql", s.text().substring(1).replace("\n", "\r\n"))
                .checksum());
    assertThatThrownBy(() -> new FreshSchema.Script("R__repeatable.sql", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new FreshSchema.Script("V1__x.sql", "-- only a comment").statements()).isEmpty();
  }

  private static DataSource sqlite(Path file) {
    SQLiteDataSource db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + file);
    return db;
  }

  private static DataSource postgres(TestPostgres.Database db) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(db.url());
    ds.setUser(db.user());
    ds.setPassword(db.password());
    return ds;
  }

  private static List<String> rows(DataSource db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(r.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
