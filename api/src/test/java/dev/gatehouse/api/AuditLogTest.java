package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.FileDescriptor;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit file: whole lines under concurrency, group-committed forcing, day rollover. */
class AuditLogTest {
  static final Instant DAY1 = Instant.parse("2026-01-02T23:59:59Z");
  static final Instant DAY2 = Instant.parse("2026-01-03T00:00:01Z");

  @TempDir Path dir;

  static AuditEvent event(Instant time, String requestId) {
    return event(time, requestId, false);
  }

  static AuditEvent event(Instant time, String requestId, boolean readOnly) {
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
        readOnly,
        "123456789012",
        List.of(),
        false);
  }

  /** The event's line, linked as a log's first line would be. */
  static byte[] line(AuditEvent event) throws IOException {
    AuditLine line = AuditLine.render(event, RequestIds.next());
    line.link(AuditChain.GENESIS.getBytes(StandardCharsets.US_ASCII));
    return line.copy();
  }

  List<String> lines(LocalDate day) throws IOException {
    return Files.readAllLines(dir.resolve(day + ".jsonl"), StandardCharsets.UTF_8);
  }

  @Test
  void aServiceEventIsRecordedAsCloudTrailsAwsServiceEvent() throws Exception {
    try (AuditLog log = new AuditLog(dir)) {
      log.recordServiceEvent(
          "gatehouse.amazonaws.com",
          "AccessGrantExpired",
          "123456789012",
          DAY1,
          JsonNodeFactory.instance.objectNode().put("GrantId", "ag-1"),
          List.of(new AuditResource("AWS::IAM::Role", "arn:aws:iam::123456789012:role/R", "")));
    }
    com.fasterxml.jackson.databind.JsonNode line =
        new ObjectMapper().readTree(lines(LocalDate.parse("2026-01-02")).get(0));
    assertThat(line.path("eventType").asText()).isEqualTo("AwsServiceEvent");
    assertThat(line.path("eventName").asText()).isEqualTo("AccessGrantExpired");
    assertThat(line.path("userIdentity").path("type").asText()).isEqualTo("AWSService");
    assertThat(line.path("userIdentity").path("invokedBy").asText())
        .isEqualTo("gatehouse.amazonaws.com");
    assertThat(line.path("userIdentity").path("accountId").asText()).isEqualTo("123456789012");
    assertThat(line.path("serviceEventDetails").path("GrantId").asText()).isEqualTo("ag-1");
    assertThat(line.path("requestParameters").isNull()).isTrue();
    assertThat(line.path("responseElements").isNull()).isTrue();
    assertThat(line.path("recipientAccountId").asText()).isEqualTo("123456789012");
    assertThat(line.path("readOnly").asBoolean()).isFalse();
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
      log.appendTo(first, line(event(DAY1, "late")), true);
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
    log.appendTo(file, line(event(DAY1, "in-flight")), true);
    assertThat(lines(LocalDate.parse("2026-01-02"))).hasSize(2);
  }

  /** A syncer that counts, can be held at its next call, and can be told to fail. */
  static final class ControlledSync implements AuditLog.Syncer {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger failNext = new AtomicInteger();
    volatile CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    public void sync(FileDescriptor fd) throws IOException {
      calls.incrementAndGet();
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      int failing = failNext.getAndUpdate(n -> Math.max(0, n - 1));
      if (failing > 1) {
        throw new IllegalStateException("a bug in the syncer");
      }
      if (failing > 0) {
        throw new IOException("disk gone");
      }
      fd.sync();
    }
  }

  @Test
  void aDurableRecordCompletesOnlyOnceItsFsyncReturns() throws Exception {
    ControlledSync sync = new ControlledSync();
    sync.release = new CountDownLatch(1);
    try (AuditLog log = new AuditLog(dir, sync)) {
      CompletableFuture<Void> recorded = log.recordLater(event(DAY1, "a"));
      assertThat(sync.entered.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(lines(LocalDate.parse("2026-01-02"))).hasSize(1); // written, not yet forced
      assertThat(recorded).isNotDone();
      sync.release.countDown();
      recorded.get(10, TimeUnit.SECONDS);
      assertThat(recorded).isCompleted();
    }
  }

  @Test
  void readOnlyAndFailedCallsAreNotForced() throws Exception {
    ControlledSync sync = new ControlledSync();
    sync.release = new CountDownLatch(1); // a forced record would hang here
    try (AuditLog log = new AuditLog(dir, sync)) {
      assertThat(log.recordLater(event(DAY1, "read", true))).isCompleted();
      AuditEvent failed =
          new AuditEvent(
              DAY1,
              "failed",
              "iam.amazonaws.com",
              "CreateUser",
              "us-east-1",
              "127.0.0.1",
              "test",
              new AuditEvent.Identity.Unknown("AKIAEXAMPLE"),
              AuditEvent.Parameters.query(QueryParameters.of(Map.of())),
              JsonNodeFactory.instance.objectNode(),
              new AuditEvent.Failure.Failed("AccessDenied", "no"),
              false,
              "123456789012",
              List.of(),
              false);
      assertThat(log.recordLater(failed)).isCompleted();
      assertThat(sync.calls).hasValue(0);
      sync.release.countDown();
    }
  }

  @Test
  void aFailedFsyncFailsTheRecordsItCoveredAndNotLaterOnes() throws Exception {
    ControlledSync sync = new ControlledSync();
    sync.failNext.set(1);
    try (AuditLog log = new AuditLog(dir, sync)) {
      CompletableFuture<Void> lost = log.recordLater(event(DAY1, "lost"));
      assertThatThrownBy(() -> lost.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(GatehouseException.class)
          .cause()
          .hasMessage("The request was not processed because it could not be recorded.")
          .extracting(e -> ((GatehouseException) e).code())
          .isEqualTo(ErrorCode.SERVICE_FAILURE);
      log.record(event(DAY1, "kept")); // a later fsync succeeds: only "lost" failed
      assertThat(sync.calls).hasValue(2);
    }
    assertThat(lines(LocalDate.parse("2026-01-02"))).hasSize(2);
  }

  @Test
  void linesWrittenDuringOneFsyncShareTheNext() throws Exception {
    ControlledSync sync = new ControlledSync();
    sync.release = new CountDownLatch(1);
    int waiting = 20;
    try (AuditLog log = new AuditLog(dir, sync)) {
      CompletableFuture<Void> first = log.recordLater(event(DAY1, "first"));
      assertThat(sync.entered.await(10, TimeUnit.SECONDS)).isTrue(); // the committer holds
      List<CompletableFuture<Void>> rest = new ArrayList<>();
      for (int i = 0; i < waiting; i++) {
        rest.add(log.recordLater(event(DAY1, "r" + i)));
      }
      assertThat(rest).allSatisfy(f -> assertThat(f).isNotDone());
      sync.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      for (CompletableFuture<Void> f : rest) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertThat(sync.calls).hasValue(2); // one for the first line, one for the other twenty
    }
    assertThat(lines(LocalDate.parse("2026-01-02"))).hasSize(waiting + 1);
  }

  @Test
  void anUnexpectedSyncErrorFailsItsRecordsAndTheCommitterGoesOn() throws Exception {
    ControlledSync sync = new ControlledSync();
    sync.failNext.set(2); // first an unexpected exception, then an I/O error
    try (AuditLog log = new AuditLog(dir, sync)) {
      assertThatThrownBy(() -> log.record(event(DAY1, "a"))).isInstanceOf(GatehouseException.class);
      assertThatThrownBy(() -> log.record(event(DAY1, "b"))).isInstanceOf(GatehouseException.class);
      log.record(event(DAY1, "c"));
      assertThat(sync.calls).hasValue(3);
    }
  }
}
