package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;

/** --dev: emulator-style credentials act as the default account's root; real keys still verify. */
class DevModeTest {
  @Test
  void unknownKeysActAsRootOnlyInDevMode(@TempDir Path dev, @TempDir Path normal) throws Exception {
    try (LiveServer server = new LiveServer(dev, true);
        IamClient test = server.client("test", "test")) {
      assertThat(test.createUser(r -> r.userName("from-dev")).user().arn())
          .isEqualTo("arn:aws:iam::123456789012:user/from-dev");
      assertThat(test.getUser().user().arn()).isEqualTo("arn:aws:iam::123456789012:root");
      try (IamClient wrong = server.client(server.rootKeyId, "z".repeat(40))) {
        AwsServiceException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                AwsServiceException.class, () -> wrong.listUsers());
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      }
    }
    try (LiveServer server = new LiveServer(normal, false);
        IamClient test = server.client("test", "test")) {
      AwsServiceException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              AwsServiceException.class, () -> test.listUsers());
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
    }
  }
}
