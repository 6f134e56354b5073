package dev.gatehouse.server;

import dev.gatehouse.core.backup.BackupArchive;
import dev.gatehouse.core.backup.BackupException;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.store.sql.SqliteSnapshot;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Backs up a data dir of the embedded store while its server runs, and restores one into an empty
 * data dir.
 *
 * <p>A backup holds: a consistent copy of the store ({@link SqliteSnapshot}: users, keys, roles,
 * policies, organizations, session revocations, buckets and the object catalog), the key files
 * ({@code master.key}, {@code session-keys}), the first-start {@code root-credentials}, and the
 * embedded object store's blobs ({@code objects/blobs}, taken after the store copy, so every blob
 * the copy names exists unless its object was deleted meanwhile). Keys given in the environment
 * ({@code GATEHOUSE_MASTER_KEY}, {@code GATEHOUSE_SESSION_KEYS}) are not files: the operator keeps
 * them. The audit log is not in a backup (ship it as it is written).
 */
public final class DataDirBackup {
  /** Files of the data dir a backup carries besides the store and the blobs. */
  static final List<String> KEY_FILES =
      List.of(KeyRing.FILE_NAME, SessionKeyStore.FILE_NAME, "root-credentials");

  private static final String BLOBS = "objects/blobs";

  private DataDirBackup() {}

  /**
   * What a backup carried, and what it could not.
   *
   * @param files the names inside the backup
   * @param notes what the operator must keep themselves (keys from the environment)
   */
  public record Report(List<String> files, List<String> notes) {}

  /**
   * Writes a sealed backup of {@code dataDir} to {@code target} (owner-only), through a temporary
   * file beside it, so a failed backup leaves no partial file.
   */
  public static Report backup(
      Path dataDir, Path target, char[] passphrase, int iterations, Map<String, String> environment)
      throws IOException {
    if (Files.exists(target)) {
      throw new BackupException(target + " exists: a backup never overwrites a file");
    }
    Path work = Files.createTempDirectory("gatehouse-backup-");
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Path db = work.resolve(SqliteStore.FILE_NAME);
      SqliteSnapshot.copy(dataDir, db);
      List<BackupArchive.Entry> entries = new ArrayList<>();
      entries.add(new BackupArchive.Entry(SqliteStore.FILE_NAME, db));
      for (String name : KEY_FILES) {
        if (Files.isRegularFile(dataDir.resolve(name))) {
          entries.add(new BackupArchive.Entry(name, dataDir.resolve(name)));
        }
      }
      Path blobs = dataDir.resolve(BLOBS);
      if (Files.isDirectory(blobs)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
          for (Path blob : files) {
            entries.add(new BackupArchive.Entry(BLOBS + "/" + blob.getFileName(), blob));
          }
        }
      }
      List<String> notes = new ArrayList<>();
      if (!environment.getOrDefault(KeyRing.ENV, "").isBlank()) {
        notes.add("the master key comes from " + KeyRing.ENV + ": it is not in the backup");
      }
      if (!environment.getOrDefault(SessionKeyStore.ENV, "").isBlank()) {
        notes.add("the session keys come from " + SessionKeyStore.ENV + ": not in the backup");
      }
      try (OutputStream out = createOwnerOnly(partial)) {
        BackupArchive.write(out, passphrase, iterations, new SecureRandom(), entries);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return new Report(entries.stream().map(BackupArchive.Entry::name).toList(), notes);
    } finally {
      Files.deleteIfExists(partial);
      deleteTree(work);
    }
  }

  /**
   * Restores a backup into {@code dataDir}, which must be absent or empty. Everything is extracted
   * and authenticated in a staging directory beside it first; only a backup that opened whole is
   * moved in, so a refused backup writes nothing to {@code dataDir}.
   *
   * @return the names restored
   */
  public static List<String> restore(InputStream backup, char[] passphrase, Path dataDir)
      throws IOException {
    Path target = dataDir.toAbsolutePath().normalize();
    requireEmpty(target);
    Files.createDirectories(target.getParent());
    Path staging = Files.createTempDirectory(target.getParent(), ".gatehouse-restore-");
    try {
      List<String> names = BackupArchive.extract(backup, passphrase, staging);
      if (!names.contains(SqliteStore.FILE_NAME)) {
        throw new BackupException("the backup holds no store (" + SqliteStore.FILE_NAME + ")");
      }
      requireEmpty(target);
      Files.createDirectories(target);
      try (DirectoryStream<Path> top = Files.newDirectoryStream(staging)) {
        for (Path p : top) {
          Files.move(p, target.resolve(p.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      return names;
    } finally {
      deleteTree(staging);
    }
  }

  private static void requireEmpty(Path dataDir) throws IOException {
    if (!Files.exists(dataDir)) {
      return;
    }
    if (!Files.isDirectory(dataDir)) {
      throw new BackupException(dataDir + " is not a directory");
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      if (entries.findAny().isPresent()) {
        throw new BackupException(
            dataDir + " is not empty: restore only into an empty or new data dir");
      }
    }
  }

  private static OutputStream createOwnerOnly(Path file) throws IOException {
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      throw new BackupException(file + " exists (another backup running?)", e);
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
