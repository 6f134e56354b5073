package dev.gatehouse.api;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The checksum chain of the audit log: every line carries {@value #FIELD}, the SHA-256 (hex) of the
 * previous line's bytes (without its newline), across daily files: a day's first line names the
 * last line of the day before. The first line of a log names {@link #GENESIS}; after retention
 * deleted files, {@value #ANCHOR} holds the hash the first kept line names. Editing, deleting or
 * moving a line breaks the link of the line after it ({@link AuditVerifier}).
 *
 * <p>Lines are linked and written one at a time under one lock, so the order in the files is the
 * order of the chain: a lock held for one hash of a line and one {@code write}. A line is rendered
 * with room for the hash ({@link AuditLine}), which is put in place under the lock.
 */
final class AuditChain {
  static final String FIELD = "previousLineSha256";
  static final String GENESIS = "0".repeat(64);

  /** After retention: {@code DAY HASH}, the newest deleted day and its last line's hash. */
  static final String ANCHOR = "chain-anchor";

  private static final HexFormat HEX = HexFormat.of();

  private final ReentrantLock lock = new ReentrantLock();

  /** Hashes each written line; used only under {@link #lock}, so one instance serves them all. */
  private final MessageDigest lineDigest = newSha256();

  /** The last line's hash, lower-case hex in ASCII. */
  private final byte[] last;

  private AuditChain(String last) {
    this.last = last.getBytes(StandardCharsets.US_ASCII); // 64 hex digits (recovered or anchored)
  }

  /** The chain continuing after the last whole line in {@code directory}'s newest file. */
  static AuditChain recover(Path directory) throws IOException {
    List<Path> files = dayFiles(directory);
    for (int i = files.size() - 1; i >= 0; i--) {
      Optional<String> hash = lastLineHash(files.get(i));
      if (hash.isPresent()) {
        return new AuditChain(hash.get());
      }
    }
    return new AuditChain(anchor(directory).map(a -> a[1]).orElse(GENESIS));
  }

  /** Writes the next line: links it to the last one, then hands it to {@code write}. */
  <T> T append(AuditLine line, Write<T> write) throws IOException {
    lock.lock();
    try {
      line.link(last);
      T result = write.write(line.bytes, line.length);
      lineDigest.update(line.bytes, 0, line.length - 1);
      hex(lineDigest.digest(), last);
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** Writes a linked line: the first {@code length} bytes of {@code bytes}. */
  @FunctionalInterface
  interface Write<T> {
    T write(byte[] bytes, int length) throws IOException;
  }

  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** {@code hash} as lower-case hex into {@code out}. */
  private static void hex(byte[] hash, byte[] out) {
    for (int i = 0; i < hash.length; i++) {
      out[2 * i] = DIGITS[(hash[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[hash[i] & 0xF];
    }
  }

  static String sha256(byte[] bytes, int length) {
    MessageDigest sha = newSha256();
    sha.update(bytes, 0, length);
    return HEX.formatHex(sha.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * The hash of a file's last whole line, if it has one. Read from the end in blocks: a day's file
   * of a busy node holds gigabytes, and the last line is all the chain needs (reading the whole
   * file made a restart's time grow with the day's traffic, and failed past 2 GiB).
   */
  static Optional<String> lastLineHash(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      // A line cut short by a crash (no newline yet) is not part of the chain.
      long end = afterLastNewline(channel, channel.size());
      if (end == 0) {
        return Optional.empty();
      }
      long start = afterLastNewline(channel, end - 1);
      MessageDigest sha = newSha256();
      ByteBuffer block = ByteBuffer.allocate(BLOCK);
      for (long at = start; at < end - 1; ) {
        block.clear().limit((int) Math.min(BLOCK, end - 1 - at));
        at += readFully(channel, block, at);
        sha.update(block.flip());
      }
      return Optional.of(HEX.formatHex(sha.digest()));
    }
  }

  private static final int BLOCK = 8192;

  /** The position after the last newline before {@code before}, or 0 when there is none. */
  private static long afterLastNewline(FileChannel channel, long before) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    long end = before;
    while (end > 0) {
      long from = Math.max(0, end - BLOCK);
      block.clear().limit((int) (end - from));
      readFully(channel, block, from);
      for (int i = block.limit() - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          return from + i + 1;
        }
      }
      end = from;
    }
    return 0;
  }

  /** Fills {@code block} from {@code position} on; the file is at least that long. */
  private static int readFully(FileChannel channel, ByteBuffer block, long position)
      throws IOException {
    int total = 0;
    while (block.hasRemaining()) {
      int n = channel.read(block, position + total);
      if (n < 0) {
        throw new EOFException("the audit file ended while its last line was read");
      }
      total += n;
    }
    return total;
  }

  /** The daily files, oldest first. */
  static List<Path> dayFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(directory)) {
      return all.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.jsonl"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  /** The anchor's day and hash, when retention deleted files. */
  static Optional<String[]> anchor(Path directory) throws IOException {
    Path file = directory.resolve(ANCHOR);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
    if (parts.length != 2 || !parts[1].matches("[0-9a-f]{64}")) {
      throw new IOException(file + " is not DAY SHA256");
    }
    return Optional.of(parts);
  }
}
