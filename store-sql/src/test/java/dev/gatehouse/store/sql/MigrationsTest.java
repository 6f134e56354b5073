package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class MigrationsTest {
  private static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");

  @Test
  void newestNamesTheNewestBundledMigration() throws IOException {
    int newest;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      newest =
          files
              .map(p -> VERSION.matcher(p.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
    }
    assertThat(Migrations.NEWEST).isEqualTo(newest);
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      assertThat(files.filter(p -> VERSION.matcher(p.getFileName().toString()).matches()).count())
          .as("the number of bundled migrations")
          .isEqualTo(Migrations.BUNDLED);
    }
  }

  @Test
  void onlyAFullyMigratedDatabaseSkipsFlyway(@TempDir Path dir) throws Exception {
    SQLiteDataSource db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + dir.resolve("m.db"));
    assertThat(Migrations.upToDate(db)).as("new database").isFalse();

    Migrations.migrate(db);
    assertThat(Migrations.upToDate(db)).as("after migrating").isTrue();

    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE flyway_schema_history SET success = 0 WHERE version = '"
              + Migrations.NEWEST
              + "'");
    }
    assertThat(Migrations.upToDate(db)).as("a failed migration").isFalse();

    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "DELETE FROM flyway_schema_history WHERE version = '" + Migrations.NEWEST + "'");
    }
    assertThat(Migrations.upToDate(db)).as("a pending migration").isFalse();
    // Flyway then applies what is missing (the column of the newest migration, V16).
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("ALTER TABLE s3_object_blobs DROP COLUMN inline_data");
    }
    Migrations.migrate(db);
    assertThat(Migrations.upToDate(db)).as("migrated again").isTrue();
  }
}
