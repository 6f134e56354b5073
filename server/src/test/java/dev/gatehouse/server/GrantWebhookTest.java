package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.GrantEvent;
import dev.gatehouse.core.grants.RequestPolicy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access webhook against a local receiver: signature, payloads, retries, never blocking. */
class GrantWebhookTest {
  static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  static final byte[] SECRET = "s3cr3t".getBytes(StandardCharsets.UTF_8);

  record Delivery(String signature, String event, String body) {}

  HttpServer receiver;
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  final AtomicInteger attempts = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    receiver =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          attempts.incrementAndGet();
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
          if (status == 204) {
            deliveries.add(
                new Delivery(
                    exchange.getRequestHeaders().getFirst(GrantWebhook.SIGNATURE_HEADER),
                    exchange.getRequestHeaders().getFirst(GrantWebhook.EVENT_HEADER),
                    new String(body, StandardCharsets.UTF_8)));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
  }

  static GrantEvent event(GrantEvent.Kind kind, String account) {
    RequestPolicy p =
        new RequestPolicy(
            account,
            "AROAEXAMPLE000000001",
            "arn:aws:iam::" + account + ":role/RoleS3FullAccess",
            Duration.ofHours(4),
            List.of("arn:aws:iam::" + account + ":user/Maria"),
            1,
            false,
            false,
            true,
            false,
            true,
            false,
            T0);
    AccessRequest r =
        AccessRequest.pending(
                "ar-1",
                p,
                "AIDASTUART",
                "arn:aws:iam::" + account + ":user/Stuart",
                "OPS-123 \"quoted\"",
                "",
                Duration.ofHours(2),
                Optional.empty(),
                T0)
            .approved("ag-1", T0, kind == GrantEvent.Kind.BREAK_GLASS);
    return new GrantEvent(kind, r, "arn:aws:iam::" + account + ":user/Maria", "ok", T0);
  }

  void awaitDeliveries(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (deliveries.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void anEventIsPostedAsSignedJsonAfterRetries() throws Exception {
    failuresLeft.set(2);
    try (GrantWebhook hook =
        new GrantWebhook(
            Map.of(),
            Optional.of(new GrantWebhook.Target(url(), "s3cr3t", false)),
            5,
            Duration.ofMillis(50))) {
      // No HTTP client (nor its TLS context) until there is something to deliver.
      assertThat(hook.started()).isFalse();
      long before = System.nanoTime();
      hook.happened(event(GrantEvent.Kind.APPROVED, "123456789012"));
      assertThat(System.nanoTime() - before).isLessThan(TimeUnit.MILLISECONDS.toNanos(200));
      awaitDeliveries(1);
      assertThat(hook.started()).isTrue();
    }
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(deliveries).hasSize(1);
    Delivery d = deliveries.get(0);
    assertThat(d.event()).isEqualTo("APPROVED");
    assertThat(d.body())
        .contains("\"event\":\"APPROVED\"", "\"grantId\":\"ag-1\"", "\"breakGlass\":false")
        .contains("OPS-123 \\\"quoted\\\"");
    String expected =
        "sha256=" + GrantWebhook.sign(SECRET, d.body().getBytes(StandardCharsets.UTF_8));
    assertThat(d.signature()).isEqualTo(expected);
    assertThat(
            GrantWebhook.sign(
                "other".getBytes(StandardCharsets.UTF_8),
                d.body().getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(expected.substring(7));
  }

  @Test
  void anAccountsOwnWebhookWinsOverTheDefaultAndAnUnreadableOneSendsNothing() throws Exception {
    try (GrantWebhook hook =
        new GrantWebhook(
            Map.of(),
            Optional.of(new GrantWebhook.Target(URI.create("http://127.0.0.1:1/none"), "x", false)),
            account -> {
              if (account.equals("210987654321")) {
                throw new IllegalStateException("cannot open");
              }
              return Optional.of(new GrantWebhook.Target(url(), "own-key", true));
            },
            1,
            Duration.ofMillis(20))) {
      hook.happened(event(GrantEvent.Kind.APPROVED, "210987654321"));
      hook.happened(event(GrantEvent.Kind.DENIED, "123456789012"));
      awaitDeliveries(1);
      Thread.sleep(200);
    }
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).event()).isEqualTo("DENIED");
    assertThat(deliveries.get(0).body()).startsWith("{\"text\":");
    assertThat(deliveries.get(0).signature())
        .isEqualTo(
            "sha256="
                + GrantWebhook.sign(
                    "own-key".getBytes(StandardCharsets.UTF_8),
                    deliveries.get(0).body().getBytes(StandardCharsets.UTF_8)));
    // Closed: events are dropped, the caller is not disturbed.
    GrantWebhook closed = GrantWebhook.fromEnvironment(Map.of(), account -> Optional.empty());
    closed.close();
    closed.happened(event(GrantEvent.Kind.DENIED, "123456789012"));
  }

  @Test
  void deliveryStopsAfterTheLastAttempt() throws Exception {
    failuresLeft.set(100);
    try (GrantWebhook hook =
        new GrantWebhook(
            Map.of(),
            Optional.of(new GrantWebhook.Target(url(), "s3cr3t", false)),
            3,
            Duration.ofMillis(20))) {
      hook.happened(event(GrantEvent.Kind.REVOKED, "123456789012"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (attempts.get() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(300);
    }
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(deliveries).isEmpty();
  }

  @Test
  void slackPayloadsFlagBreakGlassAndAccountsWithoutAWebhookAreSkipped() throws Exception {
    try (GrantWebhook hook =
        new GrantWebhook(
            Map.of("123456789012", new GrantWebhook.Target(url(), "s3cr3t", true)),
            Optional.empty(),
            3,
            Duration.ofMillis(20))) {
      hook.happened(event(GrantEvent.Kind.APPROVED, "210987654321"));
      hook.happened(event(GrantEvent.Kind.BREAK_GLASS, "123456789012"));
      awaitDeliveries(1);
      Thread.sleep(200);
    }
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).body()).startsWith("{\"text\":\":rotating_light: BREAK-GLASS");
  }

  @Test
  void theEnvironmentConfiguresPerAccountOrEveryAccount() {
    assertThat(GrantWebhook.fromEnvironment(Map.of())).isEmpty();
    Optional<GrantWebhook> hook =
        GrantWebhook.fromEnvironment(
            Map.of(
                GrantWebhook.ENV_URL,
                "123456789012=" + url() + ", " + url(),
                GrantWebhook.ENV_FORMAT,
                "slack"));
    assertThat(hook).isPresent();
    hook.get().close();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> GrantWebhook.fromEnvironment(Map.of(GrantWebhook.ENV_URL, "ftp://x/")))
        .hasMessageContaining("not an http(s) URL");
  }
}
