package dev.gatehouse.cli;

import dev.gatehouse.core.backup.BackupArchive;
import dev.gatehouse.core.backup.BackupException;
import dev.gatehouse.core.backup.BackupHeader;
import dev.gatehouse.core.store.StoreException;
import dev.gatehouse.server.DataDirBackup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code gatehouse backup --to FILE} and {@code gatehouse restore FILE --data-dir DIR}. */
final class BackupCommand {
  /** PBKDF2 iterations, when not the default (tests; at least 100,000). */
  static final String ITERATIONS_ENV = "GATEHOUSE_BACKUP_PBKDF2_ITERATIONS";

  private BackupCommand() {}

  static int backup(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options o;
    char[] passphrase;
    int iterations;
    try {
      o = Options.parse(args, Set.of("--to", "--data-dir"), Set.of("--help"));
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
      if (!env.getOrDefault(StoreUrl.ENV_URL, "").isBlank()) {
        throw new IllegalArgumentException(
            "backs up the embedded store only; for a PostgreSQL store (GATEHOUSE_STORE) use"
                + " pg_dump, and keep GATEHOUSE_MASTER_KEY and GATEHOUSE_SESSION_KEYS");
      }
    } catch (IllegalArgumentException e) {
      err.println("gatehouse backup: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path dataDir = Path.of(o.values.getOrDefault("--data-dir", "gatehouse-data"));
    Path to = Path.of(o.values.get("--to"));
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
      o = Options.parse(args, Set.of("--data-dir"), Set.of("--help"));
      if (o.flags.contains("--help")) {
        out.print(USAGE);
        return 0;
      }
      if (o.positional.size() != 1 || !o.values.containsKey("--data-dir")) {
        throw new IllegalArgumentException("restore takes FILE --data-dir DIR");
      }
      passphrase = passphrase(env);
    } catch (IllegalArgumentException e) {
      err.println("gatehouse restore: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path file = Path.of(o.positional.get(0));
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
      Usage: gatehouse backup --to FILE [--data-dir DIR]
             gatehouse restore FILE --data-dir DIR

      backup: a consistent copy of the embedded store, taken while the server runs, with the
      master key, the session keys, the root credentials and the objects' blobs, encrypted
      (AES-256-GCM, key from PBKDF2-HMAC-SHA256) with the passphrase in
      GATEHOUSE_BACKUP_PASSPHRASE. Never overwrites FILE.
      restore: into a new or empty data dir only; a wrong passphrase or a damaged or
      truncated file is refused and nothing is written.
      """;
}
