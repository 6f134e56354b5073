package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Checks the audit log's checksum chain ({@link AuditChain}): {@code gatehouse audit verify}. Every
 * line must be whole JSON naming the hash of the line before it; the first line of the log names
 * the genesis hash, or the retention anchor. The newest line is covered once another follows it.
 */
public final class AuditVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditVerifier() {}

  /**
   * The outcome.
   *
   * @param ok whether every line verified
   * @param lines the lines verified
   * @param file the file of the first broken line (empty when ok)
   * @param line its line number, from 1 (0 when ok)
   * @param message what is wrong, or a summary
   */
  public record Result(boolean ok, long lines, Optional<Path> file, int line, String message) {
    static Result broken(long lines, Path file, int line, String what) {
      return new Result(false, lines, Optional.of(file), line, file + ":" + line + ": " + what);
    }
  }

  /** Verifies every daily file of {@code directory}, oldest first. */
  public static Result verify(Path directory) throws IOException {
    Optional<String[]> anchor = AuditChain.anchor(directory);
    String expected = anchor.map(a -> a[1]).orElse(AuditChain.GENESIS);
    Optional<LocalDate> deletedThrough = anchor.map(a -> LocalDate.parse(a[0]));
    List<Path> files = AuditChain.dayFiles(directory);
    long count = 0;
    int verifiedFiles = 0;
    for (Path file : files) {
      if (deletedThrough.isPresent() && !AuditRetention.day(file).isAfter(deletedThrough.get())) {
        continue; // being deleted by retention
      }
      verifiedFiles++;
      // Streamed line by line: a busy node's day file holds gigabytes.
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream(2048);
        int number = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
          if (b != '\n') {
            pending.write(b);
            continue;
          }
          number++;
          byte[] line = pending.toByteArray();
          pending.reset();
          String previous;
          try {
            JsonNode node = JSON.readTree(line);
            JsonNode field = node == null ? null : node.get(AuditChain.FIELD);
            if (field == null || !field.isTextual()) {
              return Result.broken(
                  count, file, number, "not a chained audit record (no " + AuditChain.FIELD + ")");
            }
            previous = field.asText();
          } catch (IOException e) {
            return Result.broken(count, file, number, "not a JSON record");
          }
          if (!previous.equals(expected)) {
            return Result.broken(
                count,
                file,
                number,
                "the chain breaks here: "
                    + AuditChain.FIELD
                    + " does not match the line before it (a line before this one was edited,"
                    + " deleted or moved, or this one was)");
          }
          expected = AuditChain.sha256(line, line.length);
          count++;
        }
        if (pending.size() > 0) {
          return Result.broken(count, file, number + 1, "the line is cut short (no end of line)");
        }
      }
    }
    return new Result(
        true, count, Optional.empty(), 0, "OK: " + count + " lines in " + verifiedFiles + " files");
  }
}
