package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * --dev: emulator-style credentials act as the default account's root; real keys still verify; POST
 * /_gatehouse/reset starts the store over. None of it outside --dev.
 */
class DevModeTest {
  static HttpResponse<String> post(LiveServer server, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(server.endpoint().resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aResetStartsOverFromTheEnvironmentTheServerStartedWith(@TempDir Path dev) throws Exception {
    // Given only to this server, not to the process: the reset must not read System.getenv().
    String keyId = "AKIADEVRESETEXAMPLE1";
    String secret = "devResetSecretOfTheConfiguredRootKey/0123";
    Map<String, String> environment =
        Map.of(
            Bootstrap.ENV_ACCESS_KEY_ID, keyId,
            Bootstrap.ENV_SECRET_ACCESS_KEY, secret,
            Bootstrap.ENV_ROOT_PASSWORD, "Dev-reset-password-1");
    ServerConfig config = ServerConfig.local(dev).withAccount("123456789012").withDev(true);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Gatehouse gatehouse = Gatehouse.start(config, quiet, Clock.systemUTC(), environment)) {
      URI endpoint = URI.create("http://127.0.0.1:" + gatehouse.port());
      HttpResponse<String> reset =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(endpoint.resolve("/_gatehouse/reset"))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(reset.statusCode()).isEqualTo(200);
      // The configured root key is the root key again, and a wrong secret for it is refused.
      try (IamClient root = client(endpoint, keyId, secret)) {
        assertThat(root.getUser().user().arn()).isEqualTo("arn:aws:iam::123456789012:root");
      }
      try (IamClient wrong = client(endpoint, keyId, "z".repeat(40))) {
        AwsServiceException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                AwsServiceException.class, wrong::listUsers);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      }
    }
  }

  private static IamClient client(URI endpoint, String keyId, String secret) {
    return IamClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void unknownKeysActAsRootOnlyInDevMode(@TempDir Path dev, @TempDir Path normal) throws Exception {
    try (LiveServer server = new LiveServer(dev, true);
        IamClient test = server.client("test", "test")) {
      assertThat(test.createUser(r -> r.userName("from-dev")).user().arn())
          .isEqualTo("arn:aws:iam::123456789012:user/from-dev");
      assertThat(test.getUser().user().arn()).isEqualTo("arn:aws:iam::123456789012:root");
      HttpResponse<String> reset = post(server, "/_gatehouse/reset");
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(reset.body()).contains("\"accountId\":\"123456789012\"");
      AwsServiceException gone =
          org.junit.jupiter.api.Assertions.assertThrows(
              AwsServiceException.class, () -> test.getUser(r -> r.userName("from-dev")));
      assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
      assertThat(test.createUser(r -> r.userName("from-dev")).user().userName())
          .isEqualTo("from-dev");
      // The reset bootstrapped a new root key: known keys are still verified.
      String newRootKey =
          LiveServer.credentialsFile(dev.resolve("root-credentials")).get("aws_access_key_id");
      assertThat(newRootKey).isNotEqualTo(server.rootKeyId);
      try (IamClient wrong = server.client(newRootKey, "z".repeat(40))) {
        AwsServiceException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                AwsServiceException.class, () -> wrong.listUsers());
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      }
    }
    try (LiveServer server = new LiveServer(normal, false);
        IamClient test = server.client("test", "test")) {
      // Outside --dev the reset path is just another unsigned request.
      HttpResponse<String> reset = post(server, "/_gatehouse/reset");
      assertThat(reset.statusCode()).isEqualTo(403);
      assertThat(reset.body()).contains("<Code>MissingAuthenticationToken</Code>");
      AwsServiceException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              AwsServiceException.class, () -> test.listUsers());
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
    }
  }
}
