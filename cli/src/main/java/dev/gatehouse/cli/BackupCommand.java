package dev.gatehouse.cli;

import dev.gatehouse.core.backup.BackupArchive;
import dev.gatehouse.core.backup.BackupException;
import dev.gatehouse.core.backup.BackupHeader;
import dev.gatehouse.core.store.StoreException;
import dev.gatehouse.server.DataDirBackup;
import dev.gatehouse.server.PostgresBackup;
import dev.gatehouse.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gatehouse backup --to FILE} and {@code gatehouse restore FILE --data-dir DIR}; with {@code
 * --store URL} (or {@code GATEHOUSE_STORE}) the PostgreSQL store instead of a data dir.
 */
final class BackupCommand {
  /** PBKDF2 iterations, when not the default (tests; at least 100,000). */
  static final String ITERATIONS_ENV = "GATEHOUSE_BACKUP_PBKDF2_ITERATIONS";

  private BackupCommand() {}

  static int backup(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options o;
    char[] passphrase;
    int iterations;
    try {
      o = Options.parse(args, Set.of("--to", "--data-dir", "--store"), Set.of("--help"));
      if (o.flags.contains("--help")) {
        out.print(USAGE);
        return 0;
      }
      if (!o.values.containsKey("--to") || !o.positional.isEmpty()) {
        throw new IllegalArgumentException("backup takes --to FILE (and --data-dir DIR)");
      }
      passphrase = passphrase(env);
      iterations =
          Integer.parseInt(
              env.getOrDefault(ITERATIONS_ENV, Integer.toString(BackupHeader.DEFAULT_ITERATIONS)));
    } catch (IllegalArgumentException e) {
      err.println("gatehouse backup: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path to = Path.of(o.values.get("--to"));
    Optional<PostgresBackup.Target> store;
    try {
      store = store(o, env);
    } catch (IllegalArgumentException e) {
      err.println("gatehouse backup: " + e.getMessage());
      return 2;
    }
    if (store.isPresent()) {
      try {
        DataDirBackup.Report report =
            PostgresBackup.backup(store.get(), to, passphrase, iterations, env);
        out.println(
            "backed up "
                + (report.files().size() - 1)
                + " tables of the PostgreSQL store to "
                + to);
        for (String note : report.notes()) {
          out.println("note: " + note);
        }
        return 0;
      } catch (BackupException | IOException | SQLException e) {
        err.println("gatehouse backup: " + e.getMessage());
        return 1;
      }
    }
    Path dataDir = Path.of(o.values.getOrDefault("--data-dir", "gatehouse-data"));
    try {
      DataDirBackup.Report report = DataDirBackup.backup(dataDir, to, passphrase, iterations, env);
      out.println("backed up " + report.files().size() + " files of " + dataDir + " to " + to);
      for (String note : report.notes()) {
        out.println("note: " + note);
      }
      return 0;
    } catch (BackupException | StoreException | IOException e) {
      err.println("gatehouse backup: " + e.getMessage());
      return 1;
    }
  }

  static int restore(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options o;
    char[] passphrase;
    try {
      o = Options.parse(args, Set.of("--data-dir", "--store"), Set.of("--help"));
      if (o.flags.contains("--help")) {
        out.print(USAGE);
        return 0;
      }
      boolean toStore = o.values.containsKey("--store");
      if (o.positional.size() != 1 || toStore == o.values.containsKey("--data-dir")) {
        throw new IllegalArgumentException(
            "restore takes FILE --data-dir DIR, or FILE --store URL (an empty database)");
      }
      passphrase = passphrase(env);
    } catch (IllegalArgumentException e) {
      err.println("gatehouse restore: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path file = Path.of(o.positional.get(0));
    if (o.values.containsKey("--store")) {
      PostgresBackup.Target store;
      try {
        store = store(o, env).orElseThrow();
      } catch (IllegalArgumentException e) {
        err.println("gatehouse restore: " + e.getMessage());
        return 2;
      }
      try (InputStream in = Files.newInputStream(file)) {
        List<String> tables = PostgresBackup.restore(in, passphrase, store);
        out.println("restored " + tables.size() + " tables into the PostgreSQL store");
        return 0;
      } catch (BackupException | IOException | SQLException e) {
        err.println("gatehouse restore: " + e.getMessage());
        return 1;
      }
    }
    Path dataDir = Path.of(o.values.get("--data-dir"));
    try (InputStream in = Files.newInputStream(file)) {
      List<String> names = DataDirBackup.restore(in, passphrase, dataDir);
      out.println("restored " + names.size() + " files into " + dataDir);
      return 0;
    } catch (BackupException | IOException e) {
      err.println("gatehouse restore: " + e.getMessage() + "; nothing was written to " + dataDir);
      return 1;
    }
  }

  /** The PostgreSQL store {@code --store} or {@code GATEHOUSE_STORE} names, if any. */
  private static Optional<PostgresBackup.Target> store(Options o, Map<String, String> env) {
    String url = o.values.getOrDefault("--store", "");
    String source = "--store";
    if (url.isBlank()) {
      url = env.getOrDefault(StoreUrl.ENV_URL, "");
      source = StoreUrl.ENV_URL;
    }
    if (url.isBlank()) {
      return Optional.empty();
    }
    ServerConfig.StoreChoice.Postgres pg = StoreUrl.parse(url, source, env);
    return Optional.of(new PostgresBackup.Target(pg.jdbcUrl(), pg.user(), pg.password()));
  }

  private static char[] passphrase(Map<String, String> env) {
    String value = env.getOrDefault(BackupArchive.PASSPHRASE_ENV, "");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "set the passphrase in " + BackupArchive.PASSPHRASE_ENV + " (never on the command line)");
    }
    return value.toCharArray();
  }

  static final String USAGE =
      """
      Usage: gatehouse backup --to FILE [--data-dir DIR | --store URL]
             gatehouse restore FILE (--data-dir DIR | --store URL)

      backup: a consistent copy of the embedded store, taken while the server runs, with the
      master key, the session keys, the root credentials and the objects' blobs, encrypted
      (AES-256-GCM, key from PBKDF2-HMAC-SHA256) with the passphrase in
      GATEHOUSE_BACKUP_PASSPHRASE. Never overwrites FILE.
      restore: into a new or empty data dir only; a wrong passphrase or a damaged or
      truncated file is refused and nothing is written.
      With --store URL (or GATEHOUSE_STORE; password in GATEHOUSE_STORE_PASSWORD): the
      PostgreSQL store, every table copied in one read-only REPEATABLE READ transaction;
      restored into an empty database only. Its keys are GATEHOUSE_MASTER_KEY and
      GATEHOUSE_SESSION_KEYS: keep them with the backup.
      """;
}
