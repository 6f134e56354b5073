package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.OpsServer.get;
import static dev.gatehouse.server.e2e.OpsServer.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.Operations;
import dev.gatehouse.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * {@code serve --metrics public}: {@code GET /metrics} on the API port is the action {@code
 * gatehouse:GetMetrics}, signed with SigV4, authorized by IAM and audited as a read; unsigned or
 * unauthorized requests get AWS's AccessDenied.
 */
class SignedMetricsTest {
  @TempDir static Path dir;
  static Gatehouse server;
  static AwsBasicCredentials root;

  @BeforeAll
  static void start() throws Exception {
    server =
        OpsServer.start(
            ServerConfig.local(dir).withAccount("123456789012"),
            new Operations(new Operations.MetricsExposure.Signed(), Duration.ofSeconds(5)),
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

  static IamClient iam(AwsBasicCredentials credentials) {
    return IamClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(() -> credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** GET /metrics signed with SigV4 for the service {@code gatehouse}, as a signing proxy does. */
  static HttpResponse<String> signedGet(AwsBasicCredentials credentials) throws Exception {
    return signedGet(server.port(), credentials);
  }

  static HttpResponse<String> signedGet(int port, AwsBasicCredentials credentials)
      throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsCredentialsIdentity.create(
                                credentials.accessKeyId(), credentials.secretAccessKey()))
                        .request(
                            SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "gatehouse")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
    signed
        .request()
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host")) { // the client sends the same host itself
                values.forEach(v -> request.header(name, v));
              }
            });
    return OpsServer.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A user with {@code policy} inline (none when empty) and an access key. */
  static AwsBasicCredentials user(String name, String policy) {
    try (IamClient iam = iam(root)) {
      iam.createUser(r -> r.userName(name));
      if (!policy.isEmpty()) {
        iam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
      }
      AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
      return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
  }

  static String statement(String effect, String action) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\"Action\":\""
        + action
        + "\",\"Resource\":\"*\"}]}";
  }

  static void assertAccessDenied(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    assertThat(r.body())
        .contains("<ErrorResponse")
        .contains("<Code>AccessDenied</Code>")
        .contains("<RequestId>")
        .doesNotContain("gatehouse_requests_total");
  }

  @Test
  void aSignedAndAllowedRequestGetsTheMetricsAndMovesItsOwnCounter() throws Exception {
    HttpResponse<String> first = signedGet(root);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    assertThat(first.body()).contains("# TYPE gatehouse_requests_total counter");
    String[] labels = {"service=gatehouse", "action=GetMetrics", "outcome=success"};
    String second = signedGet(root).body();
    assertThat(sample(second, "gatehouse_requests_total", labels))
        .isEqualTo(sample(first.body(), "gatehouse_requests_total", labels) + 1);

    AwsBasicCredentials scraper = user("scraper", statement("Allow", "gatehouse:GetMetrics"));
    assertThat(signedGet(scraper).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnsignedRequestIsRefused() throws Exception {
    HttpResponse<String> r = get(server.port(), "/metrics");
    assertAccessDenied(r);
    assertThat(r.body()).contains("gatehouse:GetMetrics");
  }

  @Test
  void aSignedRequestWithoutThePermissionIsRefused() throws Exception {
    assertAccessDenied(signedGet(user("nobody", "")));
    assertAccessDenied(signedGet(user("reader", statement("Allow", "iam:Get*"))));
    // An explicit deny wins over an allow of everything.
    assertAccessDenied(
        signedGet(
            user(
                "denied",
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                    + "{\"Effect\":\"Deny\",\"Action\":\"gatehouse:GetMetrics\","
                    + "\"Resource\":\"*\"}]}")));
    // A wrong secret fails authentication before any decision.
    HttpResponse<String> forged =
        signedGet(AwsBasicCredentials.create(root.accessKeyId(), "wrong" + root.secretAccessKey()));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("<Code>SignatureDoesNotMatch</Code>");
  }

  @Test
  void eachScrapeIsAuditedAsARead() throws Exception {
    signedGet(root);
    get(server.port(), "/metrics");
    List<String> lines;
    try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
      lines =
          files
              .flatMap(
                  f -> {
                    try {
                      return Files.readAllLines(f, StandardCharsets.UTF_8).stream();
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .filter(l -> l.contains("\"eventName\":\"GetMetrics\""))
              .toList();
    }
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"readOnly\":true")
                    .contains("\"eventSource\":\"gatehouse.dev\"")
                    .contains(root.accessKeyId())
                    .doesNotContain("errorCode"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"errorCode\":\"AccessDenied\""));
  }

  @Test
  void otherPathsAndTheHealthEndpointsAreUnchanged() throws Exception {
    assertThat(get(server.port(), "/health/live").statusCode()).isEqualTo(200);
    assertThat(server.metricsPort()).isEmpty();
    try (IamClient iam = iam(root)) {
      assertThat(iam.getUser().user().arn()).endsWith(":root");
    }
  }
}
