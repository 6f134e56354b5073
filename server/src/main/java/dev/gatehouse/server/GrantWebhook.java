package dev.gatehouse.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.core.Once;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.GrantEvent;
import dev.gatehouse.core.grants.GrantEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access-request notifications: each event of an account with a webhook is POSTed as JSON (or as a
 * Slack-compatible {@code {"text": ...}} payload), signed with HMAC-SHA256 over the body in {@value
 * #SIGNATURE_HEADER} ({@code sha256=HEX}), on a background thread; a failed delivery (no answer, or
 * not 2xx) is retried with doubling back-off. The request path only hands the event over.
 *
 * <p>Configured from the environment: {@value #ENV_URL} is a URL for every account, or {@code
 * ACCOUNT=URL} pairs separated by commas; {@value #ENV_SECRET} the HMAC key; {@value #ENV_FORMAT}
 * {@code json} (default) or {@code slack}.
 */
final class GrantWebhook implements GrantEvents, AutoCloseable {
  static final String ENV_URL = "GATEHOUSE_ACCESS_WEBHOOK";
  static final String ENV_SECRET = "GATEHOUSE_ACCESS_WEBHOOK_SECRET";
  static final String ENV_FORMAT = "GATEHOUSE_ACCESS_WEBHOOK_FORMAT";
  static final String SIGNATURE_HEADER = "X-Gatehouse-Signature";
  static final String EVENT_HEADER = "X-Gatehouse-Event";

  private static final Logger LOG = LoggerFactory.getLogger(GrantWebhook.class);
  private static final JsonFactory JSON = new JsonFactory();

  /** Where an account's events go. */
  record Target(URI url, String secret, boolean slack) {}

  private final Map<String, Target> byAccount;
  private final Optional<Target> everyAccount;
  private final Function<String, Optional<Target>> configured;
  // Made on the first delivery: a client's TLS context loads the JVM's CA certificates, a fifth of
  // a second of CPU that start-up need not spend for a webhook that may never fire.
  private final Once<HttpClient, RuntimeException> http =
      new Once<>(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  private final ScheduledExecutorService executor;
  private final int attempts;
  private final Duration firstDelay;

  GrantWebhook(
      Map<String, Target> byAccount,
      Optional<Target> everyAccount,
      int attempts,
      Duration firstDelay) {
    this(byAccount, everyAccount, account -> Optional.empty(), attempts, firstDelay);
  }

  /**
   * @param configured an account's own webhook (PutAccessNotificationConfig), looked up on the
   *     sender's thread; it wins over the environment's
   */
  GrantWebhook(
      Map<String, Target> byAccount,
      Optional<Target> everyAccount,
      Function<String, Optional<Target>> configured,
      int attempts,
      Duration firstDelay) {
    this.configured = configured;
    this.byAccount = Map.copyOf(byAccount);
    this.everyAccount = everyAccount;
    this.attempts = attempts;
    this.firstDelay = firstDelay;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gatehouse-access-webhook");
              t.setDaemon(true);
              return t;
            });
  }

  /** Whether a delivery has made the client yet (tests). */
  boolean started() {
    return http.made();
  }

  /** The webhook the environment configures, if any. */
  static Optional<GrantWebhook> fromEnvironment(Map<String, String> env) {
    if (env.getOrDefault(ENV_URL, "").trim().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(fromEnvironment(env, account -> Optional.empty()));
  }

  /**
   * The webhook of each account that configured one ({@code configured}), else the environment's
   * node-wide default, if any.
   */
  static GrantWebhook fromEnvironment(
      Map<String, String> env, Function<String, Optional<Target>> configured) {
    String urls = env.getOrDefault(ENV_URL, "").trim();
    String secret = env.getOrDefault(ENV_SECRET, "");
    boolean slack = "slack".equalsIgnoreCase(env.getOrDefault(ENV_FORMAT, "json").trim());
    Map<String, Target> byAccount = new HashMap<>();
    Optional<Target> every = Optional.empty();
    for (String part : urls.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq == 12 && p.substring(0, 12).chars().allMatch(Character::isDigit)) {
        byAccount.put(p.substring(0, 12), new Target(url(p.substring(13)), secret, slack));
      } else {
        every = Optional.of(new Target(url(p), secret, slack));
      }
    }
    return new GrantWebhook(byAccount, every, configured, 5, Duration.ofSeconds(1));
  }

  private static URI url(String s) {
    URI u = URI.create(s.trim());
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
      throw new IllegalArgumentException(ENV_URL + ": not an http(s) URL: " + s);
    }
    return u;
  }

  @Override
  public void happened(GrantEvent event) {
    try {
      executor.execute(() -> deliver(event));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      LOG.debug("access webhook closed; {} event dropped", event.kind());
    }
  }

  /** On the sender's thread: where the account's events go, then the first attempt. */
  private void deliver(GrantEvent event) {
    String account = event.request().accountId();
    Optional<Target> own;
    try {
      own = configured.apply(account);
    } catch (RuntimeException e) {
      LOG.warn(
          "access webhook: the configuration of account {} cannot be read: {}",
          account,
          e.getClass().getSimpleName());
      return;
    }
    Target t = own.orElse(byAccount.getOrDefault(account, everyAccount.orElse(null)));
    if (t == null) {
      return;
    }
    send(t, event.kind().name(), body(event, t.slack()), 1);
  }

  private void send(Target t, String kind, byte[] body, int attempt) {
    HttpRequest request =
        HttpRequest.newBuilder(t.url())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(EVENT_HEADER, kind)
            .header(
                SIGNATURE_HEADER,
                "sha256=" + sign(t.secret().getBytes(StandardCharsets.UTF_8), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    var unused =
        http.get()
            .sendAsync(request, HttpResponse.BodyHandlers.discarding())
            .whenComplete(
                (response, failure) -> {
                  boolean ok =
                      failure == null
                          && response.statusCode() >= 200
                          && response.statusCode() < 300;
                  if (ok) {
                    return;
                  }
                  if (attempt >= attempts) {
                    LOG.warn(
                        "access webhook: {} event not delivered to {} after {} attempts",
                        kind,
                        t.url().getHost(),
                        attempt);
                    return;
                  }
                  long delay = firstDelay.toMillis() << (attempt - 1);
                  try {
                    var unusedLater =
                        executor.schedule(
                            () -> send(t, kind, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
                  } catch (java.util.concurrent.RejectedExecutionException closed) {
                    LOG.debug("access webhook closed; {} event dropped", kind);
                  }
                });
  }

  /** HMAC-SHA256 of {@code body} with {@code secret}, in lower-case hex. */
  static String sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The event as JSON, or as Slack's {@code {"text": ...}}. */
  static byte[] body(GrantEvent e, boolean slack) {
    AccessRequest r = e.request();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      if (slack) {
        g.writeStringField("text", text(e));
      } else {
        g.writeStringField("event", e.kind().name());
        g.writeStringField("time", e.at().toString());
        g.writeStringField("accountId", r.accountId());
        g.writeStringField("accessRequestId", r.id());
        g.writeStringField("roleArn", r.roleArn());
        g.writeStringField("requester", r.requesterArn());
        g.writeStringField("actor", e.actorArn());
        g.writeStringField("reason", r.reason());
        g.writeStringField("comment", e.comment());
        g.writeNumberField("durationSeconds", r.duration().toSeconds());
        g.writeBooleanField(
            "breakGlass", r.breakGlass() || e.kind() == GrantEvent.Kind.BREAK_GLASS);
        if (r.grant().isPresent()) {
          g.writeStringField("grantId", r.grant().get().id());
          g.writeStringField("grantStart", r.grant().get().start().toString());
          g.writeStringField("grantEnd", r.grant().get().end().toString());
        }
      }
      g.writeEndObject();
    } catch (java.io.IOException ex) {
      throw new IllegalStateException(ex);
    }
    return out.toByteArray();
  }

  private static String text(GrantEvent e) {
    AccessRequest r = e.request();
    String what = e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    String head = e.kind() == GrantEvent.Kind.BREAK_GLASS ? ":rotating_light: BREAK-GLASS " : "";
    return head
        + "Access request "
        + r.id()
        + " for "
        + r.roleArn()
        + " by "
        + r.requesterArn()
        + ": "
        + what
        + " by "
        + e.actorArn()
        + (r.reason().isEmpty() ? "" : " (reason: " + r.reason() + ")")
        + (e.comment().isEmpty() ? "" : " - " + e.comment());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
