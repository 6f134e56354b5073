package dev.gatehouse.core.backup;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files of a backup, sealed: {@link BackupHeader}, then in {@link SealedChunks} a sequence of
 * entries (tag byte {@code 'F'}, relative path as modified UTF-8, size as long, the bytes), ended
 * by tag {@code 'E'}. Reading extracts into a directory and refuses paths that leave it.
 */
public final class BackupArchive {
  /** Environment variable holding the passphrase: never taken from the command line. */
  public static final String PASSPHRASE_ENV = "GATEHOUSE_BACKUP_PASSPHRASE";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  private BackupArchive() {}

  /**
   * One file of the backup.
   *
   * @param name its path relative to the data dir, with {@code /} separators
   * @param source where to read it now
   */
  public record Entry(String name, Path source) {
    public Entry {
      requireName(name);
    }
  }

  /** Writes a sealed archive of {@code entries} to {@code out} (closed at the end). */
  public static void write(
      OutputStream out, char[] passphrase, int iterations, SecureRandom random, List<Entry> entries)
      throws IOException {
    BackupHeader header = BackupHeader.create(passphrase, iterations, random);
    try (DataOutputStream data =
        new DataOutputStream(
            new BufferedOutputStream(new SealedChunks.Sealing(out, header), 64 * 1024))) {
      for (Entry e : entries) {
        long size = Files.size(e.source());
        data.writeByte('F');
        data.writeUTF(e.name());
        data.writeLong(size);
        try (InputStream in = Files.newInputStream(e.source())) {
          long copied = in.transferTo(data);
          if (copied != size) {
            throw new BackupException(
                e.source()
                    + " changed size while it was backed up ("
                    + size
                    + " -> "
                    + copied
                    + ")");
          }
        }
      }
      data.writeByte('E');
    }
  }

  /**
   * Opens the archive and writes its files under {@code dir} (owner-only), checking every chunk;
   * the caller discards {@code dir} when this throws.
   *
   * @return the names extracted
   * @throws BackupException on a wrong passphrase or a damaged, truncated or foreign file
   */
  public static List<String> extract(InputStream in, char[] passphrase, Path dir)
      throws IOException {
    BackupHeader header = BackupHeader.read(in, passphrase);
    List<String> names = new ArrayList<>();
    try (DataInputStream data = new DataInputStream(new SealedChunks.Opening(in, header))) {
      while (true) {
        int tag = data.readByte();
        if (tag == 'E') {
          break;
        }
        if (tag != 'F') {
          throw new BackupException("the backup is damaged: unknown entry tag " + tag);
        }
        String name = data.readUTF();
        requireName(name);
        long size = data.readLong();
        if (size < 0) {
          throw new BackupException("the backup is damaged: entry " + name + " has size " + size);
        }
        Path target = dir.resolve(name).normalize();
        if (!target.startsWith(dir.normalize())) {
          throw new BackupException("the backup names a path outside the data dir: " + name);
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = createOwnerOnly(target)) {
          copy(data, out, size);
        }
        names.add(name);
      }
      if (data.read() >= 0) {
        throw new BackupException("the backup is damaged: bytes after its last entry");
      }
    } catch (EOFException e) {
      throw new BackupException("the backup is damaged: an entry ends early", e);
    }
    return List.copyOf(names);
  }

  private static OutputStream createOwnerOnly(Path target) throws IOException {
    if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          target,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      return Files.newOutputStream(target, StandardOpenOption.WRITE);
    }
    return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW);
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException();
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void requireName(String name) {
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new BackupException("not a relative file name for a backup: '" + name + "'");
    }
  }
}
