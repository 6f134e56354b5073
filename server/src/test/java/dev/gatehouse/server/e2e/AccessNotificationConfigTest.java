package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * An account's own access webhook, set through the API: authorized by IAM, its key never shown nor
 * audited, and the account's events delivered there, signed, in the chosen format.
 */
class AccessNotificationConfigTest extends StsScenarioFixture {
  static final String SECRET = "hmac-key-for-account-webhook-42";

  record Delivery(String signature, String event, String body) {}

  static HttpServer receiver;
  static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  static GatehouseApiClient admin;

  @BeforeAll
  static void receive() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          deliveries.add(
              new Delivery(
                  exchange.getRequestHeaders().getFirst("X-Gatehouse-Signature"),
                  exchange.getRequestHeaders().getFirst("X-Gatehouse-Event"),
                  new String(body, StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    admin = AccessGrantScenarioTest.as(rootCredentials);
  }

  @AfterAll
  static void stopReceiving() {
    receiver.stop(0);
  }

  static String hook() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theAccountsWebhookIsSetReadDeletedAndUsed() throws Exception {
    GatehouseApiClient.Response put =
        admin.call(
            "PutAccessNotificationConfig",
            Map.of("Url", hook(), "Secret", SECRET, "Format", "slack"));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).contains("<Format>SLACK</Format>").doesNotContain(SECRET);
    GatehouseApiClient.Response got = admin.call("GetAccessNotificationConfig", Map.of());
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    assertThat(got.body())
        .contains("<Url>" + hook() + "</Url>", "<HasSecret>true</HasSecret>")
        .doesNotContain(SECRET);

    // An event of the account goes to its webhook, signed with its key, as Slack text.
    AwsBasicCredentials nina = user("Nina");
    root.createRole(
        r ->
            r.roleName("RoleNotified")
                .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":user/Nina", "")));
    root.putUserPolicy(
        r ->
            r.userName("Nina")
                .policyName("Request")
                .policyDocument(allow("gatehouse:RequestAccess", "*")));
    GatehouseApiClient.Response policy =
        admin.call(
            "PutRoleRequestPolicy",
            Map.of(
                "RoleName",
                "RoleNotified",
                "Approvers.member.1",
                "arn:aws:iam::" + ACCOUNT + ":user/Bob",
                "MaxDurationSeconds",
                "3600"));
    assertThat(policy.status()).as(policy.body()).isEqualTo(200);
    GatehouseApiClient.Response asked =
        AccessGrantScenarioTest.as(nina)
            .call(
                "CreateAccessRequest",
                Map.of(
                    "RoleArn",
                    "arn:aws:iam::" + ACCOUNT + ":role/RoleNotified",
                    "DurationSeconds",
                    "1800",
                    "Reason",
                    "INC-42"));
    assertThat(asked.status()).as(asked.body()).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (deliveries.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(deliveries).hasSize(1);
    Delivery d = deliveries.get(0);
    assertThat(d.event()).isEqualTo("REQUESTED");
    assertThat(d.body()).startsWith("{\"text\":\"Access request ar-").contains("INC-42");
    assertThat(d.signature()).isEqualTo(hmac(d.body()));

    GatehouseApiClient.Response deleted = admin.call("DeleteAccessNotificationConfig", Map.of());
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    GatehouseApiClient.Response gone = admin.call("GetAccessNotificationConfig", Map.of());
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).contains("NoSuchEntity", "has no access notification configuration");

    // The key is in no audit record, though PutAccessNotificationConfig is audited.
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(data.resolve("audit"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    assertThat(lines).anyMatch(l -> l.contains("\"eventName\":\"PutAccessNotificationConfig\""));
    assertThat(lines).noneMatch(l -> l.contains(SECRET));
  }

  @Test
  void iamDecidesAndBadValuesAreRefusedSayingWhere() throws Exception {
    GatehouseApiClient.Response denied =
        AccessGrantScenarioTest.as(bob)
            .call(
                "PutAccessNotificationConfig",
                Map.of("Url", hook(), "Secret", SECRET, "Format", "JSON"));
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.body()).contains("AccessDenied", "gatehouse:PutAccessNotificationConfig");
    GatehouseApiClient.Response badFormat =
        admin.call(
            "PutAccessNotificationConfig",
            Map.of("Url", hook(), "Secret", SECRET, "Format", "xml"));
    assertThat(badFormat.status()).isEqualTo(400);
    assertThat(badFormat.body()).contains("InvalidParameterValue", "Format must be JSON or SLACK");
    GatehouseApiClient.Response noSecret =
        admin.call("PutAccessNotificationConfig", Map.of("Url", hook()));
    assertThat(noSecret.status()).isEqualTo(400);
    assertThat(noSecret.body()).contains("MissingParameter", "Secret");
    GatehouseApiClient.Response badUrl =
        admin.call("PutAccessNotificationConfig", Map.of("Url", "file:///etc", "Secret", SECRET));
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.body()).contains("Url must be an absolute http or https URL");
  }
}
