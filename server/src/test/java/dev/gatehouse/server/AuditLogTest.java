package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.core.authz.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit file: whole lines under concurrency, group-committed forcing, day rollover. */
class AuditLogTest {
  static final Instant DAY1 = Instant.parse("2026-01-02T23:59:59Z");
  static final Instant DAY2 = Instant.parse("2026-01-03T00:00:01Z");

  @TempDir Path dir;

  static AuditEvent event(Instant time, String requestId) {
    return new AuditEvent(
        time,
        requestId,
        "iam.amazonaws.com",
        "CreateUser",
        "us-east-1",
        "127.0.0.1",
        "test",
        new AuditEvent.Identity.Known(new Principal.Root("123456789012"), "AKIAEXAMPLE"),
        AuditEvent.Parameters.query(QueryParameters.of(Map.of("UserName", "u" + requestId))),
        JsonNodeFactory.instance.objectNode(),
        new AuditEvent.Failure.None(),
        false,
        "123456789012");
  }

  List<String> lines(LocalDate day) throws IOException {
    return Files.readAllLines(dir.resolve(day + ".jsonl"), StandardCharsets.UTF_8);
  }

  @Test
  void concurrentDurableAndPlainAppendsAllLandAsWholeLines() throws Exception {
    int threads = 8;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (AuditLog log = new AuditLog(dir)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    log.append(event(DAY1, thread + "-" + i), i % 2 == 0);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<String> lines = lines(LocalDate.parse("2026-01-02"));
    assertThat(lines).hasSize(threads * each);
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      ids.add(json.readTree(line).get("requestID").asText());
    }
    assertThat(ids).hasSize(threads * each);
  }

  @Test
  void aWriteAfterTheRolloverClosedItsFileGoesToItsOwnDay() throws Exception {
    try (AuditLog log = new AuditLog(dir)) {
      log.append(event(DAY1, "a"), true);
      AuditLog.DayFile first = log.fileFor(LocalDate.parse("2026-01-02"));
      log.append(event(DAY2, "b"), true); // rolls over: forces and closes the first day's file
      log.appendTo(first, log.render(event(DAY1, "late")), true);
      long ticket = first.written.get();
      log.forced(first, ticket); // closed meanwhile: forced again by path, no second copy
      log.append(event(DAY2, "c"), false);
    }
    assertThat(lines(LocalDate.parse("2026-01-02"))).hasSize(2);
    assertThat(lines(LocalDate.parse("2026-01-02")).get(1)).contains("\"requestID\":\"late\"");
    assertThat(lines(LocalDate.parse("2026-01-03"))).hasSize(2);
  }

  @Test
  void aRequestStillInFlightWhenTheLogClosesIsRecorded() throws Exception {
    AuditLog log = new AuditLog(dir);
    log.append(event(DAY1, "a"), false);
    AuditLog.DayFile file = log.fileFor(LocalDate.parse("2026-01-02"));
    log.close();
    log.appendTo(file, log.render(event(DAY1, "in-flight")), true);
    assertThat(lines(LocalDate.parse("2026-01-02"))).hasSize(2);
  }
}
