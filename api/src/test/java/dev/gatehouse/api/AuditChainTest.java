package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's checksum chain, its verification and its retention. */
class AuditChainTest {
  static final Instant JAN2 = Instant.parse("2026-01-02T10:00:00Z");
  static final Instant JAN3 = Instant.parse("2026-01-03T10:00:00Z");
  static final Instant JAN4 = Instant.parse("2026-01-04T10:00:00Z");

  @TempDir Path dir;

  /** Three lines on Jan 2, three on Jan 3 (one written by a restarted log), one late Jan 2 one. */
  void writeLog() throws IOException {
    try (AuditLog log = new AuditLog(dir)) {
      for (int i = 0; i < 3; i++) {
        log.append(AuditLogTest.event(JAN2, "a" + i), i == 0);
      }
      log.append(AuditLogTest.event(JAN3, "b0"), true);
      log.append(AuditLogTest.event(JAN2, "late"), true); // goes to Jan 3, in chain order
    }
    try (AuditLog log = new AuditLog(dir)) {
      log.append(AuditLogTest.event(JAN3, "b1"), true);
      log.append(AuditLogTest.event(JAN3, "b2"), false);
    }
  }

  Path day(String day) {
    return dir.resolve(day + ".jsonl");
  }

  List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void anUntouchedLogVerifiesAndEveryLineIsCloudTrailJson() throws IOException {
    writeLog();
    AuditVerifier.Result result = AuditVerifier.verify(dir);
    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.lines()).isEqualTo(7);
    assertThat(result.message()).isEqualTo("OK: 7 lines in 2 files");
    assertThat(lines(day("2026-01-02"))).hasSize(3);
    assertThat(lines(day("2026-01-03")).get(1)).contains("\"requestID\":\"late\"");
    ObjectMapper json = new ObjectMapper();
    var first = json.readTree(lines(day("2026-01-02")).get(0));
    assertThat(first.get("eventVersion").asText()).isEqualTo("1.08");
    assertThat(first.get(AuditChain.FIELD).asText()).isEqualTo(AuditChain.GENESIS);
    // The next day's first line names the hash of the day before's last line.
    String last = lines(day("2026-01-02")).get(2);
    assertThat(json.readTree(lines(day("2026-01-03")).get(0)).get(AuditChain.FIELD).asText())
        .isEqualTo(
            AuditChain.sha256(
                last.getBytes(StandardCharsets.UTF_8),
                last.getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void theLastWholeLineIsReadFromTheEndOfTheFile() throws IOException {
    Path file = dir.resolve("lines.jsonl");
    String longLine = "{\"x\":\"" + "y".repeat(20_000) + "\"}"; // spans blocks
    Files.writeString(file, "{\"a\":1}\n" + longLine + "\n{\"cut", StandardCharsets.UTF_8);
    byte[] last = longLine.getBytes(StandardCharsets.UTF_8);
    assertThat(AuditChain.lastLineHash(file)).contains(AuditChain.sha256(last, last.length));

    Files.writeString(file, "{\"only\":1}\n", StandardCharsets.UTF_8);
    byte[] only = "{\"only\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(AuditChain.lastLineHash(file)).contains(AuditChain.sha256(only, only.length));

    Files.writeString(file, "{\"cut short", StandardCharsets.UTF_8);
    assertThat(AuditChain.lastLineHash(file)).isEmpty();
    Files.writeString(file, "", StandardCharsets.UTF_8);
    assertThat(AuditChain.lastLineHash(file)).isEmpty();
  }

  @Test
  void aDayFileLargerThanAnArrayStillGivesItsLastLine() throws IOException {
    // 3 GiB, sparse: a busy node's day. Reading it whole cannot work (an array holds 2 GiB).
    Path file = dir.resolve("large.jsonl");
    byte[] tail = "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(3L << 30);
      raf.seek(3L << 30);
      raf.write(tail);
    }
    byte[] last = "{\"b\":2}".getBytes(StandardCharsets.UTF_8);
    assertThat(AuditChain.lastLineHash(file)).contains(AuditChain.sha256(last, last.length));
  }

  @Test
  void anEditedLineIsFound() throws IOException {
    writeLog();
    List<String> lines = lines(day("2026-01-02"));
    lines.set(1, lines.get(1).replace("\"ua1\"", "\"ux1\""));
    write(day("2026-01-02"), lines);
    assertBroken("2026-01-02", 3);
  }

  @Test
  void aDeletedLineIsFound() throws IOException {
    writeLog();
    List<String> lines = lines(day("2026-01-03"));
    lines.remove(2);
    write(day("2026-01-03"), lines);
    assertBroken("2026-01-03", 3);
  }

  @Test
  void aReorderedLineIsFound() throws IOException {
    writeLog();
    List<String> lines = lines(day("2026-01-02"));
    lines.add(0, lines.remove(1));
    write(day("2026-01-02"), lines);
    assertBroken("2026-01-02", 1);
  }

  @Test
  void aTruncatedFileIsFound() throws IOException {
    writeLog();
    // Cut inside the last line of the newest file.
    byte[] bytes = Files.readAllBytes(day("2026-01-03"));
    Files.write(day("2026-01-03"), Arrays.copyOf(bytes, bytes.length - 10));
    assertBroken("2026-01-03", 4);
  }

  @Test
  void aFileCutAtALineEndIsFoundByTheNextDay() throws IOException {
    writeLog();
    List<String> lines = lines(day("2026-01-02"));
    write(day("2026-01-02"), lines.subList(0, 2));
    assertBroken("2026-01-03", 1);
  }

  @Test
  void aDeletedFileAGarbledLineAndAnUnchainedLineAreFound() throws IOException {
    writeLog();
    Path jan2 = day("2026-01-02");
    byte[] saved = Files.readAllBytes(jan2);
    Files.delete(jan2);
    assertBroken("2026-01-03", 1);
    Files.write(jan2, saved);
    List<String> lines = lines(jan2);
    lines.set(0, "{not json");
    write(jan2, lines);
    assertThat(assertBroken("2026-01-02", 1).message()).contains("not a JSON record");
    lines.set(0, "{\"eventVersion\":\"1.08\"}");
    write(jan2, lines);
    assertThat(assertBroken("2026-01-02", 1).message()).contains("no " + AuditChain.FIELD);
  }

  @Test
  void retentionDeletesOldDaysAndTheKeptLinesStillVerify() throws IOException {
    writeLog();
    try (AuditLog log = new AuditLog(dir, 2)) {
      log.append(AuditLogTest.event(JAN4, "c0"), true); // opens Jan 4: keeps Jan 3 and Jan 4
    }
    assertThat(Files.exists(day("2026-01-02"))).isFalse();
    assertThat(Files.exists(day("2026-01-03"))).isTrue();
    AuditVerifier.Result result = AuditVerifier.verify(dir);
    assertThat(result.ok()).as(result.message()).isTrue();
    assertThat(result.lines()).isEqualTo(5);
    // Deleting the first kept line is still found: the anchor names the line before it.
    List<String> lines = lines(day("2026-01-03"));
    write(day("2026-01-03"), lines.subList(1, lines.size()));
    assertBroken("2026-01-03", 1);
    Files.delete(day("2026-01-03"));
    Files.delete(day("2026-01-04"));
    try (AuditLog log = new AuditLog(dir, 2)) {
      log.append(AuditLogTest.event(JAN4, "d0"), true);
    }
    // A log whose kept files are all gone starts again from the anchor.
    AuditVerifier.Result again = AuditVerifier.verify(dir);
    assertThat(again.ok()).as(again.message()).isTrue();
    assertThat(again.lines()).isEqualTo(1);
  }

  @Test
  void refusesABadRetentionAndABadAnchor() throws IOException {
    assertThatThrownBy(() -> new AuditLog(dir, -1)).isInstanceOf(IllegalArgumentException.class);
    Files.writeString(dir.resolve(AuditChain.ANCHOR), "nonsense\n");
    assertThatThrownBy(() -> AuditVerifier.verify(dir)).hasMessageContaining("not DAY SHA256");
    assertThat(AuditChain.dayFiles(dir.resolve("absent"))).isEmpty();
  }

  AuditVerifier.Result assertBroken(String day, int line) throws IOException {
    AuditVerifier.Result result = AuditVerifier.verify(dir);
    assertThat(result.ok()).isFalse();
    assertThat(result.file()).contains(day(day));
    assertThat(result.line()).as(result.message()).isEqualTo(line);
    assertThat(result.message()).startsWith(day(day) + ":" + line + ": ");
    return result;
  }
}
