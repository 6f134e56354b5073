package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bucket of the management account read from a member account: across accounts both sides must
 * allow, the bucket's policy (resource side) and the caller's identity policy.
 */
class S3CrossAccountTest extends OrganizationsFixture {
  @Test
  void bothSidesMustAllow() {
    String read = allow("s3:GetObject", "arn:aws:s3:::mgmt-shared/*");
    AwsCredentials memberAdmin = assume(administrator(), roleArn(member, ACCESS_ROLE));
    AwsBasicCredentials bob = user(memberAdmin, "bob", read); // identity side allows
    AwsBasicCredentials eve = user(memberAdmin, "eve", ""); // identity side silent
    try (S3Client owner = S3Fixture.s3(server.endpoint(), root);
        S3Client asBob = S3Fixture.s3(server.endpoint(), bob);
        S3Client asEve = S3Fixture.s3(server.endpoint(), eve)) {
      owner.createBucket(r -> r.bucket("mgmt-shared"));
      owner.putObject(r -> r.bucket("mgmt-shared").key("data"), RequestBody.fromString("d"));

      // Only the identity side allows: refused.
      assertThat(
              S3Fixture.error(() -> asBob.getObject(r -> r.bucket("mgmt-shared").key("data")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");

      owner.putBucketPolicy(
          r ->
              r.bucket("mgmt-shared")
                  .policy(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Principal\":{\"AWS\":[\"arn:aws:iam::"
                          + member
                          + ":user/bob\",\"arn:aws:iam::"
                          + member
                          + ":user/eve\"]},\"Action\":\"s3:GetObject\","
                          + "\"Resource\":\"arn:aws:s3:::mgmt-shared/*\"}]}"));
      // Both sides allow: Bob reads.
      assertThat(asBob.getObjectAsBytes(r -> r.bucket("mgmt-shared").key("data")).asUtf8String())
          .isEqualTo("d");
      // Only the bucket policy allows Eve: refused.
      assertThat(
              S3Fixture.error(() -> asEve.getObject(r -> r.bucket("mgmt-shared").key("data")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
    }
  }
}
