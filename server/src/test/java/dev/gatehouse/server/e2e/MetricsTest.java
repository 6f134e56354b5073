package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.OpsServer.get;
import static dev.gatehouse.server.e2e.OpsServer.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.Operations;
import dev.gatehouse.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code /metrics} on the loopback listener: a request moves its counters (by service, action and
 * outcome), and so do authorization decisions, audit commits, snapshot rebuilds, the store's pool,
 * sessions and S3's bytes; no label carries a key, an account, a principal or a bucket.
 */
class MetricsTest {
  @TempDir static Path dir;
  static Gatehouse server;
  static AwsBasicCredentials root;
  static final String ACCOUNT = "123456789012";

  @BeforeAll
  static void start() throws Exception {
    server =
        OpsServer.start(
            ServerConfig.local(dir).withAccount(ACCOUNT),
            new Operations(new Operations.MetricsExposure.LoopbackPort(0), Duration.ofSeconds(5)),
            Map.of());
    Map<String, String> creds = LiveServer.credentialsFile(dir.resolve("root-credentials"));
    root =
        AwsBasicCredentials.create(
            creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  static String scrape() throws Exception {
    HttpResponse<String> r = get(server.metricsPort().orElseThrow(), "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  static IamClient iam(AwsBasicCredentials credentials) {
    return IamClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(() -> credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void aRequestMovesItsCountersByServiceActionAndOutcome() throws Exception {
    String before = scrape();
    String keyId;
    try (IamClient iam = iam(root)) {
      iam.createUser(r -> r.userName("metered"));
      iam.getUser(r -> r.userName("metered"));
      assertThatThrownBy(() -> iam.getUser(r -> r.userName("nobody")))
          .isInstanceOf(NoSuchEntityException.class);
      var key = iam.createAccessKey(r -> r.userName("metered")).accessKey();
      keyId = key.accessKeyId();
      try (IamClient metered =
          iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
        // No policy: implicitly denied.
        assertThatThrownBy(() -> metered.listUsers()).hasMessageContaining("not authorized");
      }
    }
    String after = scrape();
    String[][] moved = {
      {"service=iam", "action=CreateUser", "outcome=success"},
      {"service=iam", "action=GetUser", "outcome=success"},
      {"service=iam", "action=GetUser", "outcome=client_error"},
      {"service=iam", "action=ListUsers", "outcome=denied"},
    };
    for (String[] labels : moved) {
      assertThat(sample(after, "gatehouse_requests_total", labels))
          .as("%s", String.join(",", labels))
          .isEqualTo(sample(before, "gatehouse_requests_total", labels) + 1);
      assertThat(sample(after, "gatehouse_request_duration_seconds_count", labels))
          .isEqualTo(sample(before, "gatehouse_request_duration_seconds_count", labels) + 1);
    }
    // The latency histogram has buckets, for percentiles in Prometheus.
    assertThat(after).contains("gatehouse_request_duration_seconds_bucket{action=\"GetUser\"");
    assertThat(sample(after, "gatehouse_authorization_decisions_total", "outcome=allowed"))
        .isGreaterThanOrEqualTo(
            sample(before, "gatehouse_authorization_decisions_total", "outcome=allowed") + 4);
    assertThat(
            sample(after, "gatehouse_authorization_decisions_total", "outcome=implicitly_denied"))
        .isEqualTo(
            sample(before, "gatehouse_authorization_decisions_total", "outcome=implicitly_denied")
                + 1);
    // Two writes (CreateUser, CreateAccessKey) waited for their records to be durable.
    assertThat(sample(after, "gatehouse_audit_commit_seconds_count"))
        .isGreaterThanOrEqualTo(sample(before, "gatehouse_audit_commit_seconds_count") + 2);
    assertThat(sample(after, "gatehouse_snapshot_builds_seconds_count"))
        .isGreaterThan(sample(before, "gatehouse_snapshot_builds_seconds_count"));
    // The store's pool, through HikariCP's binding.
    assertThat(after).contains("hikaricp_connections_active{pool=\"gatehouse-sqlite-readers\"}");
    assertNoSecretsOrUnboundedLabels(after, keyId);
  }

  @Test
  void sessionsIssuedAndObjectBytesAreCounted() throws Exception {
    String before = scrape();
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(() -> root)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      sts.getSessionToken();
    }
    byte[] object = new byte[40_000];
    try (S3Client s3 = S3Fixture.s3(endpoint(), root)) {
      s3.createBucket(r -> r.bucket("metered-bucket"));
      s3.putObject(
          r -> r.bucket("metered-bucket").key("secret-object"), RequestBody.fromBytes(object));
      assertThat(
              s3.getObjectAsBytes(r -> r.bucket("metered-bucket").key("secret-object"))
                  .asByteArray())
          .hasSize(object.length);
    }
    String after = scrape();
    assertThat(sample(after, "gatehouse_sessions_issued_total", "action=GetSessionToken"))
        .isEqualTo(sample(before, "gatehouse_sessions_issued_total", "action=GetSessionToken") + 1);
    assertThat(sample(after, "gatehouse_requests_total", "service=s3", "outcome=success"))
        .isGreaterThanOrEqualTo(
            sample(before, "gatehouse_requests_total", "service=s3", "outcome=success") + 3);
    assertThat(sample(after, "gatehouse_s3_bytes_received_bytes_total"))
        .isGreaterThanOrEqualTo(sample(before, "gatehouse_s3_bytes_received_bytes_total") + 40_000);
    assertThat(sample(after, "gatehouse_s3_bytes_sent_bytes_total"))
        .isEqualTo(sample(before, "gatehouse_s3_bytes_sent_bytes_total") + 40_000);
    assertThat(after).doesNotContain("metered-bucket").doesNotContain("secret-object");
    assertNoSecretsOrUnboundedLabels(after, root.accessKeyId());
  }

  @Test
  void metricsAreNotServedOnThePublicPortWithoutASignature() throws Exception {
    HttpResponse<String> r = get(server.port(), "/metrics");
    assertThat(r.statusCode()).isNotEqualTo(200);
    assertThat(r.body()).doesNotContain("gatehouse_requests_total");
    // With the loopback listener, not even a signed request of the root user gets them there.
    HttpResponse<String> signed = SignedMetricsTest.signedGet(server.port(), root);
    assertThat(signed.statusCode()).isNotEqualTo(200);
    assertThat(signed.body()).doesNotContain("gatehouse_requests_total");
  }

  private static void assertNoSecretsOrUnboundedLabels(String scrape, String accessKeyId) {
    assertThat(scrape)
        .doesNotContain(accessKeyId)
        .doesNotContain(ACCOUNT)
        .doesNotContain("arn:aws")
        .doesNotContain("metered\"");
  }
}
