package dev.gatehouse.store.sql;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Applies the schema migrations in {@code classpath:db/migration} (shared by both engines).
 *
 * <p>A database whose history already records every bundled migration as applied, and no failed
 * one, is opened without starting Flyway: loading and scanning it is the largest part of a restart.
 * An empty database gets its schema from the bundled files without Flyway too, recorded in the
 * history as Flyway records it ({@link FreshSchema}). Anything else (pending or failed migrations,
 * or a fresh schema that could not be made) goes through Flyway, which validates and migrates.
 * Flyway is given the bundled files by name ({@link #FILES}) rather than scanning the classpath for
 * them (the scan opens and walks every jar on the class path, on the first start's critical path);
 * it reads, checksums, applies and records them exactly as the scan's would be.
 */
final class Migrations {
  /** Where the migrations are, on the class path and in Flyway's location. */
  static final String LOCATION = "db/migration";

  /**
   * The bundled migrations, in version order (versions may skip numbers reserved for work not
   * merged yet); {@code MigrationsTest} keeps this the list of the files in {@link #LOCATION}.
   */
  static final List<String> FILES =
      List.of(
          "V1__iam.sql",
          "V2__role_last_used.sql",
          "V3__organizations.sql",
          "V4__login_profiles.sql",
          "V5__mfa_and_revocations.sql",
          "V6__instance_profiles.sql",
          "V7__oidc_providers.sql",
          "V8__buckets.sql",
          "V9__objects.sql",
          "V10__access_grants.sql",
          "V11__saml_providers.sql",
          "V12__iam_jobs.sql",
          "V13__certificates.sql",
          "V14__service_access.sql",
          "V15__access_notifications.sql",
          "V16__inline_objects.sql",
          "V17__milestones.sql");

  /** The version of the newest file in {@link #FILES}: the digits of its {@code V<n>__} prefix. */
  static final int NEWEST = version(FILES.get(FILES.size() - 1));

  /** How many migrations are bundled. */
  static final int BUNDLED = FILES.size();

  private Migrations() {}

  private static int version(String file) {
    return Integer.parseInt(file.substring(1, file.indexOf("__")));
  }

  static void migrate(DataSource dataSource) {
    if (upToDate(dataSource) || FreshSchema.create(dataSource, FreshSchema.bundled())) {
      return;
    }
    flyway(dataSource).migrate();
  }

  /** Flyway over the bundled files; neither a resource nor a class scan. */
  static Flyway flyway(DataSource dataSource) {
    ClassLoader loader = Migrations.class.getClassLoader();
    return Flyway.configure(loader)
        .dataSource(dataSource)
        .locations("classpath:" + LOCATION)
        .resourceProvider(new Bundled(loader))
        .javaMigrationClassProvider(NO_JAVA_MIGRATIONS)
        // All pending migrations in one transaction: one commit (one fsync) instead of one per
        // file, and a failure leaves the schema as it was rather than half migrated.
        .group(true)
        .load();
  }

  private static final ClassProvider<JavaMigration> NO_JAVA_MIGRATIONS = List::of;

  /** The files of {@link #FILES}, as Flyway's resource provider. */
  private static final class Bundled implements ResourceProvider {
    private final ClassLoader loader;

    Bundled(ClassLoader loader) {
      this.loader = loader;
    }

    @Override
    public LoadableResource getResource(String name) {
      // Flyway asks for a name relative to the location; null means "no such resource".
      return FILES.contains(name) ? new BundledFile(loader, name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
      return FILES.stream()
          .filter(f -> f.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(f::endsWith))
          .<LoadableResource>map(f -> new BundledFile(loader, f))
          .toList();
    }
  }

  /** One bundled file: named as a classpath scan of {@link #LOCATION} names it. */
  private static final class BundledFile extends LoadableResource {
    private final ClassLoader loader;
    private final String name;

    BundledFile(ClassLoader loader, String name) {
      this.loader = loader;
      this.name = name;
    }

    @Override
    public Reader read() {
      // INVARIANT: every name in FILES is a file of LOCATION (MigrationsTest).
      InputStream in =
          Objects.requireNonNull(loader.getResourceAsStream(getAbsolutePath()), getAbsolutePath());
      return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder());
    }

    @Override
    public String getAbsolutePath() {
      return LOCATION + "/" + name;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      URL url = Objects.requireNonNull(loader.getResource(getAbsolutePath()), getAbsolutePath());
      return url.getPath();
    }

    @Override
    public String getFilename() {
      return name;
    }

    @Override
    public String getRelativePath() {
      return name;
    }
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
