package dev.gatehouse.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Deletes daily audit files older than the retention ({@code --audit-retention-days N}: today's
 * file and the N-1 days before it are kept). Before deleting, it records the chain's anchor (the
 * newest deleted day and the hash of its last line) so the kept lines still verify.
 */
final class AuditRetention {
  private AuditRetention() {}

  /**
   * @param days the days kept, at least 1
   * @param today the day of the file being opened
   * @return the files deleted
   */
  static List<Path> apply(Path directory, int days, LocalDate today) throws IOException {
    LocalDate oldestKept = today.minusDays(days - 1L);
    List<Path> old =
        AuditChain.dayFiles(directory).stream().filter(p -> day(p).isBefore(oldestKept)).toList();
    if (old.isEmpty()) {
      return old;
    }
    Path newest = old.get(old.size() - 1);
    Optional<String> hash = Optional.empty();
    for (int i = old.size() - 1; i >= 0 && hash.isEmpty(); i--) {
      hash = AuditChain.lastLineHash(old.get(i));
    }
    if (hash.isPresent()) {
      Path tmp = directory.resolve(AuditChain.ANCHOR + ".tmp");
      Files.writeString(tmp, day(newest) + " " + hash.get() + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, directory.resolve(AuditChain.ANCHOR), StandardCopyOption.ATOMIC_MOVE);
    }
    for (Path p : old) {
      Files.deleteIfExists(p);
    }
    return old;
  }

  static LocalDate day(Path file) {
    String name = file.getFileName().toString();
    return LocalDate.parse(name.substring(0, name.length() - ".jsonl".length()));
  }
}
