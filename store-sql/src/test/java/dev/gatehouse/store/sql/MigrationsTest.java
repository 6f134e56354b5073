package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
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
      assertThat(Migrations.FILES)
          .as("the files Flyway is given, in version order")
          .isEqualTo(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> VERSION.matcher(n).matches())
                  .sorted(Comparator.comparingInt(MigrationsTest::version))
                  .toList());
    }
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      assertThat(files.filter(p -> VERSION.matcher(p.getFileName().toString()).matches()).count())
          .as("the number of bundled migrations")
          .isEqualTo(Migrations.BUNDLED);
    }
  }

  private static int version(String file) {
    Matcher m = VERSION.matcher(file);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  @Test
  void theHistoryIsThatOfAClasspathScan(@TempDir Path dir) throws Exception {
    SQLiteDataSource given = database(dir.resolve("given.db"));
    SQLiteDataSource scanned = database(dir.resolve("scanned.db"));
    Migrations.migrate(given);
    Flyway.configure().dataSource(scanned).locations("classpath:db/migration").load().migrate();

    assertThat(history(given)).hasSize(Migrations.BUNDLED).isEqualTo(history(scanned));
    // Each validates against the other's way of finding the files: nothing pending, nothing
    // changed, so a later Flyway of either kind accepts the schema.
    Flyway.configure().dataSource(given).locations("classpath:db/migration").load().validate();
    Migrations.flyway(scanned).validate();
    assertThat(Migrations.flyway(given).info().pending()).isEmpty();
  }

  @Test
  void flywayIsGivenOnlyTheBundledFiles(@TempDir Path dir) {
    var resources = Migrations.flyway(database(dir.resolve("r.db"))).getConfiguration();
    var provider = resources.getResourceProvider();
    assertThat(provider.getResources("V", new String[] {".sql"})).hasSize(Migrations.BUNDLED);
    assertThat(provider.getResources("V", new String[] {".conf"})).isEmpty();
    assertThat(provider.getResources("R", new String[] {".sql"})).isEmpty();
    assertThat(provider.getResource("V1__iam.sql").getAbsolutePath())
        .isEqualTo("db/migration/V1__iam.sql");
    assertThat(provider.getResource("V1__iam.sql").getAbsolutePathOnDisk()).endsWith("V1__iam.sql");
    assertThat(provider.getResource("V1__iam.sql").getFilename()).isEqualTo("V1__iam.sql");
    assertThat(provider.getResource("beforeMigrate.sql")).isNull();
    assertThat(resources.getJavaMigrationClassProvider().getClasses()).isEmpty();
  }

  private static SQLiteDataSource database(Path file) {
    SQLiteDataSource db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + file);
    return db;
  }

  /** The history without the columns of the moment (who, when, how long). */
  private static List<String> history(SQLiteDataSource db) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT installed_rank, version, description, type, script, checksum, success"
                    + " FROM flyway_schema_history ORDER BY installed_rank")) {
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
          row.append(r.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
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
    // Flyway then applies what is missing (the table of the newest migration, V17).
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE gh_milestones");
    }
    Migrations.migrate(db);
    assertThat(Migrations.upToDate(db)).as("migrated again").isTrue();
  }
}
