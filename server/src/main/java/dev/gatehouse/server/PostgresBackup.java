package dev.gatehouse.server;

import dev.gatehouse.core.backup.BackupArchive;
import dev.gatehouse.core.backup.BackupException;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.store.sql.PostgresStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Backs up a PostgreSQL store while its nodes run, and restores one into an empty database, in the
 * same sealed archive format as {@link DataDirBackup}.
 *
 * <p>The copy is consistent: every table of the store's schema is dumped with {@code COPY ... TO
 * STDOUT (FORMAT binary)} inside ONE read-only REPEATABLE READ transaction, so all tables are read
 * at the same snapshot while writers go on. The keys of a shared store come from the environment
 * ({@code GATEHOUSE_MASTER_KEY}, {@code GATEHOUSE_SESSION_KEYS}, which every node must share); they
 * are not files, and the operator keeps them with the backup.
 *
 * <p>Restore authenticates the whole archive into a staging directory first, refuses a database
 * that has any table, creates the schema by the store's own migrations, checks the backup came from
 * the same schema version, then loads every table (parents before children) in ONE transaction.
 */
public final class PostgresBackup {
  /** The archive's entries: the table list, then one binary COPY file per table. */
  static final String PREFIX = "postgres/";

  static final String TABLES = PREFIX + "tables";

  /** Flyway's history: created by the migrations on restore, compared, never loaded. */
  static final String HISTORY = "flyway_schema_history";

  private PostgresBackup() {}

  /** Where the store is and how to sign in (the password from the environment only). */
  public record Target(String jdbcUrl, String user, String password) {}

  /**
   * Writes a sealed backup of the store to {@code target} (owner-only), through a temporary file
   * beside it, so a failed backup leaves no partial file.
   */
  public static DataDirBackup.Report backup(
      Target store, Path target, char[] passphrase, int iterations, Map<String, String> environment)
      throws IOException, SQLException {
    if (Files.exists(target)) {
      throw new BackupException(target + " exists: a backup never overwrites a file");
    }
    Path work = Files.createTempDirectory("gatehouse-pg-backup-");
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Path dir = Files.createDirectories(work.resolve("postgres"));
      List<BackupArchive.Entry> entries = new ArrayList<>();
      List<String> tables;
      try (Connection c = connect(store)) {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        tables = tables(c);
        if (!tables.contains(HISTORY)) {
          throw new BackupException("the database holds no Gatehouse store (no " + HISTORY + ")");
        }
        for (String table : tables) {
          Path file = dir.resolve(table + ".copy");
          try (OutputStream out = Files.newOutputStream(file)) {
            copy.copyOut("COPY " + quoted(table) + " TO STDOUT (FORMAT binary)", out);
          }
          entries.add(new BackupArchive.Entry(PREFIX + table + ".copy", file));
        }
        c.commit();
      }
      Path list = dir.resolve("tables");
      Files.writeString(list, String.join("\n", tables) + "\n", StandardCharsets.UTF_8);
      entries.add(0, new BackupArchive.Entry(TABLES, list));
      List<String> notes = new ArrayList<>();
      notes.add(
          "the keys of a shared store come from "
              + KeyRing.ENV
              + " and "
              + SessionKeyStore.ENV
              + ": keep them with the backup");
      try (OutputStream out = createOwnerOnly(partial)) {
        BackupArchive.write(out, passphrase, iterations, new SecureRandom(), entries);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return new DataDirBackup.Report(
          entries.stream().map(BackupArchive.Entry::name).toList(), notes);
    } finally {
      Files.deleteIfExists(partial);
      deleteTree(work);
    }
  }

  /**
   * Restores a backup into the empty database {@code store}.
   *
   * @return the tables restored
   * @throws BackupException a wrong passphrase, a damaged file, not a PostgreSQL backup, a database
   *     that is not empty, another schema version: nothing is written to the database
   */
  public static List<String> restore(InputStream backup, char[] passphrase, Target store)
      throws IOException, SQLException {
    Path staging = Files.createTempDirectory("gatehouse-pg-restore-");
    try {
      List<String> names = BackupArchive.extract(backup, passphrase, staging);
      if (!names.contains(TABLES)) {
        throw new BackupException(
            "the backup is not of a PostgreSQL store (no "
                + TABLES
                + "): restore it into a data"
                + " dir with --data-dir");
      }
      List<String> tables = new ArrayList<>();
      for (String line : Files.readAllLines(staging.resolve(TABLES), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          tables.add(line.strip());
        }
      }
      try (Connection c = connect(store)) {
        List<String> present = tables(c);
        if (!present.isEmpty()) {
          throw new BackupException(
              "the database is not empty ("
                  + present.size()
                  + " tables, "
                  + present.get(0)
                  + " first): restore only into an empty database");
        }
      }
      // The schema, by the store's own migrations (Flyway takes two connections; the pool closes
      // at once).
      PostgresStore.open(store.jdbcUrl(), store.user(), store.password(), 2).close();
      try (Connection c = connect(store)) {
        c.setAutoCommit(false);
        requireSameSchema(c, staging);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<String> loaded = new ArrayList<>();
        for (String table : parentsFirst(c, tables)) {
          if (table.equals(HISTORY)) {
            continue;
          }
          try (InputStream in =
              Files.newInputStream(staging.resolve("postgres/" + table + ".copy"))) {
            copy.copyIn("COPY " + quoted(table) + " FROM STDIN (FORMAT binary)", in);
          }
          loaded.add(table);
        }
        c.commit();
        return loaded;
      }
    } finally {
      deleteTree(staging);
    }
  }

  /** The backup's newest migration must be the one this version just applied. */
  private static void requireSameSchema(Connection c, Path staging)
      throws SQLException, IOException {
    String here;
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT max(installed_rank) FROM " + quoted(HISTORY) + " WHERE success");
        ResultSet r = s.executeQuery()) {
      r.next();
      here = Integer.toString(r.getInt(1));
    }
    // The backup's history, loaded into a temporary table to read it with SQL.
    try (PreparedStatement s =
        c.prepareStatement(
            "CREATE TEMPORARY TABLE backup_history (LIKE "
                + quoted(HISTORY)
                + ") ON COMMIT DROP")) {
      s.execute();
    }
    try (InputStream in = Files.newInputStream(staging.resolve("postgres/" + HISTORY + ".copy"))) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY backup_history FROM STDIN (FORMAT binary)", in);
    }
    try (PreparedStatement s =
            c.prepareStatement("SELECT max(installed_rank) FROM backup_history WHERE success");
        ResultSet r = s.executeQuery()) {
      r.next();
      String there = Integer.toString(r.getInt(1));
      if (!there.equals(here)) {
        throw new BackupException(
            "the backup's schema has "
                + there
                + " migrations, this version's "
                + here
                + ": restore with the version that made it");
      }
    }
  }

  private static Connection connect(Target store) throws SQLException {
    return DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
  }

  /** The base tables of the connection's schema, by name. */
  private static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                    + " current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  /** {@code tables} ordered so that a table comes after every table its foreign keys name. */
  static List<String> parentsFirst(Connection c, List<String> tables) throws SQLException {
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    tables.forEach(t -> parents.put(t, new LinkedHashSet<>()));
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT child.relname, parent.relname FROM pg_constraint k"
                    + " JOIN pg_class child ON child.oid = k.conrelid"
                    + " JOIN pg_class parent ON parent.oid = k.confrelid"
                    + " JOIN pg_namespace n ON n.oid = k.connamespace"
                    + " WHERE k.contype = 'f' AND n.nspname = current_schema()");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String child = r.getString(1);
        String parent = r.getString(2);
        if (parents.containsKey(child) && !child.equals(parent)) {
          parents.get(child).add(parent);
        }
      }
    }
    List<String> out = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (out.size() < tables.size()) {
      boolean progress = false;
      for (String t : tables) {
        if (!placed.contains(t) && placed.containsAll(parents.get(t))) {
          out.add(t);
          placed.add(t);
          progress = true;
        }
      }
      if (!progress) {
        throw new BackupException("the store's foreign keys form a cycle: cannot order the tables");
      }
    }
    return out;
  }

  private static String quoted(String identifier) {
    if (!identifier.matches("[a-z_][a-z0-9_]*")) {
      throw new BackupException("unexpected table name in the backup: " + identifier);
    }
    return "\"" + identifier + "\"";
  }

  private static OutputStream createOwnerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    return Files.newOutputStream(file);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
