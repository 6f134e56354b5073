package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
