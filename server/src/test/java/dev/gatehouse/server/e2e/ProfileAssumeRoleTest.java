package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Step 5 with an SDK profile: {@code role_arn} + {@code source_profile} in a config file, loaded by
 * {@link ProfileCredentialsProvider}, which calls AssumeRole itself. Its own STS client finds
 * Gatehouse through the SDK's service-specific endpoint setting ({@code aws.endpointUrlSts}, the
 * system-property form of {@code AWS_ENDPOINT_URL_STS}).
 */
class ProfileAssumeRoleTest {
  static final String ACCOUNT = "123456789012";

  @TempDir static Path data;
  @TempDir static Path work;
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new LiveServer(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void profileWithRoleArnAndSourceProfile() throws Exception {
    String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/RoleS3FullAccess";
    String stuartArn = "arn:aws:iam::" + ACCOUNT + ":user/Stuart";
    AccessKey key;
    try (IamClient root = server.root()) {
      root.createUser(r -> r.userName("Stuart"));
      key = root.createAccessKey(r -> r.userName("Stuart")).accessKey();
      root.createRole(
          r ->
              r.roleName("RoleS3FullAccess")
                  .assumeRolePolicyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Principal\":{\"AWS\":\""
                          + stuartArn
                          + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
    }
    Path config =
        Files.writeString(
            work.resolve("config"),
            "[profile stuart]\n"
                + "aws_access_key_id = "
                + key.accessKeyId()
                + "\naws_secret_access_key = "
                + key.secretAccessKey()
                + "\nregion = us-east-1\n\n[profile s3admin]\nrole_arn = "
                + roleArn
                + "\nsource_profile = stuart\nrole_session_name = via-profile\n"
                + "region = us-east-1\n");
    ProfileFile file =
        ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
    // The provider's own STS client reads the endpoint from the SDK's settings.
    String previous = System.getProperty("aws.endpointUrlSts");
    System.setProperty("aws.endpointUrlSts", server.endpoint().toString());
    try (ProfileCredentialsProvider provider =
            ProfileCredentialsProvider.builder().profileFile(file).profileName("s3admin").build();
        StsClient sts =
            StsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(provider)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      assertThat(sts.getCallerIdentity().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/RoleS3FullAccess/via-profile");
    } finally {
      if (previous == null) {
        System.clearProperty("aws.endpointUrlSts");
      } else {
        System.setProperty("aws.endpointUrlSts", previous);
      }
    }
  }
}
