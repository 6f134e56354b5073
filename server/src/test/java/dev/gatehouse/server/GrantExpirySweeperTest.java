package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.api.AuditLog;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.grants.AccessGrants;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.GrantActor;
import dev.gatehouse.core.grants.GrantCast;
import dev.gatehouse.core.grants.GrantEvent;
import dev.gatehouse.core.grants.GrantEvents;
import dev.gatehouse.core.grants.GrantExpiry;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background sweep marks expired grants, notifies and audits each once. */
class GrantExpirySweeperTest {
  static final String ACCOUNT = GrantCast.ACCOUNT;
  static final Instant T0 = GrantCast.T0;

  @TempDir Path dir;

  /** A clock tests move. */
  static final class MovableClock extends Clock {
    volatile Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MemoryStore store = new MemoryStore();
  final MovableClock clock = new MovableClock();
  final List<GrantEvent> events = new CopyOnWriteArrayList<>();
  final AccessGrants grants =
      new AccessGrants(
          store, clock, new SecureRandom(), IamChangeListener.none(), GrantEvents.none());
  final GrantExpiry expiry = new GrantExpiry(store, clock, IamChangeListener.none(), events::add);
  Role role;
  User stuart;
  User maria;

  @BeforeEach
  void setUp() {
    role = GrantCast.role("Elevated", "AROAEXAMPLEROLE00001");
    stuart = GrantCast.STUART;
    maria = GrantCast.MARIA;
    GrantCast.seed(store, role);
    grants.putPolicy(role, GrantCast.mariaApproves());
  }

  static GrantActor as(User u) {
    return GrantCast.actor(u);
  }

  AccessRequest approved() {
    AccessRequest r =
        grants.request(as(stuart), role, Duration.ofHours(1), "OPS-9", "", Optional.empty());
    return grants.approve(as(maria), ACCOUNT, r.id(), "ok").request();
  }

  List<JsonNode> records() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new java.util.ArrayList<>();
    try (var files = Files.list(dir.resolve("audit"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          out.add(json.readTree(line));
        }
      }
    }
    return out;
  }

  @Test
  void theSweepMarksNotifiesAndAuditsEachExpiredGrantOnce() throws Exception {
    AccessRequest r = approved();
    clock.now = T0.plus(Duration.ofHours(1));
    try (AuditLog audit = new AuditLog(dir.resolve("audit"));
        GrantExpirySweeper sweeper =
            GrantExpirySweeper.start(expiry, audit, Map.of(GrantExpirySweeper.ENV, "3600"))) {
      // The first sweep runs at start, on the sweeper's thread.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (events.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(sweeper.sweep()).isEmpty();
    }
    assertThat(events).extracting(GrantEvent::kind).containsExactly(GrantEvent.Kind.EXPIRED);
    List<JsonNode> records = records();
    assertThat(records).hasSize(1);
    JsonNode e = records.get(0);
    assertThat(e.path("eventType").asText()).isEqualTo("AwsServiceEvent");
    assertThat(e.path("eventName").asText()).isEqualTo(GrantExpirySweeper.EVENT_NAME);
    assertThat(e.path("eventTime").asText()).isEqualTo("2026-12-07T11:00:00Z");
    assertThat(e.path("recipientAccountId").asText()).isEqualTo(ACCOUNT);
    JsonNode details = e.path("serviceEventDetails");
    assertThat(details.path("AccessRequestId").asText()).isEqualTo(r.id());
    assertThat(details.path("GrantId").asText()).isEqualTo(r.grant().orElseThrow().id());
    assertThat(details.path("RequesterArn").asText()).isEqualTo(stuart.arn());
    assertThat(details.path("BreakGlass").asBoolean()).isFalse();
    assertThat(e.path("resources").get(0).path("ARN").asText()).isEqualTo(role.arn());
    assertThat(grants.get(ACCOUNT, r.id()).request().status())
        .isEqualTo(AccessRequest.Status.ENDED);
  }

  @Test
  void aFailedSweepIsTriedAgainLater() throws Exception {
    approved();
    clock.now = T0.plus(Duration.ofHours(1));
    AuditLog closed = new AuditLog(dir.resolve("audit"));
    closed.close();
    GrantExpirySweeper sweeper =
        GrantExpirySweeper.start(expiry, closed, Map.of(GrantExpirySweeper.ENV, "1"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (events.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    sweeper.close();
    // Marked and notified; the audit record failed and was logged, the thread lives on.
    assertThat(events).hasSize(1);
  }

  @Test
  void theIntervalComesFromTheEnvironmentAndBadValuesAreRefused() {
    assertThat(GrantExpirySweeper.interval(Map.of()))
        .isEqualTo(Duration.ofSeconds(GrantExpirySweeper.DEFAULT_SECONDS));
    assertThat(GrantExpirySweeper.interval(Map.of(GrantExpirySweeper.ENV, " 2 ")))
        .isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> GrantExpirySweeper.interval(Map.of(GrantExpirySweeper.ENV, "0")))
        .hasMessageContaining(GrantExpirySweeper.ENV + " must be at least 1 second");
    assertThatThrownBy(() -> GrantExpirySweeper.interval(Map.of(GrantExpirySweeper.ENV, "soon")))
        .hasMessageContaining("is not a number of seconds: soon");
  }
}
