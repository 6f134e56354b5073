package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.sigv4.SigningCredentials;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The founding scenario on Gatehouse's own S3 endpoint: Stuart is refused S3, assumes
 * RoleS3FullAccess (AmazonS3FullAccess), creates a bucket and uploads as the role session, switches
 * back and is refused again; the session's token is refused once revoked, and once expired.
 */
class S3RoleScenarioTest extends StsScenarioFixture {
  @BeforeAll
  static void stuartMayAssumeTheRole() {
    root.putUserPolicy(
        r ->
            r.userName("Stuart")
                .policyName("AssumeRoleS3")
                .policyDocument(allow("sts:AssumeRole", ROLE_ARN)));
  }

  @Test
  void switchRoleOpensS3AndSwitchingBackClosesIt() {
    try (S3Client asStuart = S3Fixture.s3(endpoint(), stuart)) {
      var denied = S3Fixture.error(asStuart::listBuckets);
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(
              S3Fixture.error(() -> asStuart.createBucket(r -> r.bucket("stuart-data")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");

      AwsSessionCredentials role = session(assume(stuart, ROLE_ARN, "stuart").credentials());
      try (S3Client asRole = S3Fixture.s3(endpoint(), role)) {
        asRole.createBucket(r -> r.bucket("stuart-data"));
        asRole.putObject(
            r -> r.bucket("stuart-data").key("report.csv"), RequestBody.fromString("a,b"));
        assertThat(
                asRole
                    .getObjectAsBytes(r -> r.bucket("stuart-data").key("report.csv"))
                    .asUtf8String())
            .isEqualTo("a,b");
        assertThat(asRole.listBuckets().buckets())
            .extracting(b -> b.name())
            .contains("stuart-data");
      }

      // Switch back: Stuart's own permissions again.
      assertThat(
              S3Fixture.error(
                      () -> asStuart.getObject(r -> r.bucket("stuart-data").key("report.csv")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
    }
  }

  @Test
  void aRevokedSessionIsRefused() throws Exception {
    AwsSessionCredentials role = session(assume(stuart, ROLE_ARN, "revoked").credentials());
    try (S3Client asRole = S3Fixture.s3(endpoint(), role);
        software.amazon.awssdk.services.s3.presigner.S3Presigner presigner =
            S3Fixture.presigner(endpoint(), role)) {
      asRole.createBucket(r -> r.bucket("revoked-session"));
      asRole.putObject(
          r -> r.bucket("revoked-session").key("k"), RequestBody.fromString("session data"));
      String presigned =
          presigner
              .presignGetObject(
                  r ->
                      r.signatureDuration(Duration.ofHours(1))
                          .getObjectRequest(g -> g.bucket("revoked-session").key("k")))
              .url()
              .toString();
      assertThat(presigned).contains("X-Amz-Security-Token=");
      assertThat(
              java.net.http.HttpClient.newHttpClient()
                  .send(
                      java.net.http.HttpRequest.newBuilder(java.net.URI.create(presigned)).build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .body())
          .isEqualTo("session data");
      GatehouseApiClient admin =
          new GatehouseApiClient(
              endpoint(),
              SigningCredentials.of(
                  rootCredentials.accessKeyId(), rootCredentials.secretAccessKey()));
      assertThat(admin.call("RevokeSession", Map.of("AccessKeyId", role.accessKeyId())).status())
          .isEqualTo(200);
      var refused = S3Fixture.error(asRole::listBuckets);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidToken");
      // A URL presigned with the session's credentials dies with the session.
      assertThat(
              java.net.http.HttpClient.newHttpClient()
                  .send(
                      java.net.http.HttpRequest.newBuilder(java.net.URI.create(presigned)).build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void anExpiredSessionIsRefused() {
    AwsSessionCredentials role = session(assume(stuart, ROLE_ARN, "expiring").credentials());
    try (S3Client asRole = S3Fixture.s3(endpoint(), role)) {
      asRole.listBuckets();
      clock.advance(Duration.ofHours(2));
      try {
        var refused = S3Fixture.error(asRole::listBuckets);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
      } finally {
        clock.advance(Duration.ofHours(-2));
      }
    }
  }
}
