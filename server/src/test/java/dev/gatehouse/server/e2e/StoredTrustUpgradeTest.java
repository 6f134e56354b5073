package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.sql.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A data directory written before trust principals were resolved on write: the next start resolves
 * them once; a principal that no longer exists is held as an id that names no one, so that a user
 * created under its name later is not trusted, also after another start.
 */
class StoredTrustUpgradeTest {
  static final String ACCOUNT = "123456789012";
  static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/Legacy";

  @TempDir Path data;

  static String trust(String... principals) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":[\""
        + String.join("\",\"", principals)
        + "\"]},\"Action\":\"sts:AssumeRole\"}]}";
  }

  String storedTrust() throws Exception {
    try (Connection c = sqlite();
        PreparedStatement s = c.prepareStatement("SELECT trust_policy FROM iam_roles")) {
      ResultSet r = s.executeQuery();
      r.next();
      return r.getString(1);
    }
  }

  Connection sqlite() throws Exception {
    return DriverManager.getConnection(
        "jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME).toAbsolutePath());
  }

  static AccessKey userWithKey(IamClient root, String name) {
    root.createUser(r -> r.userName(name));
    return root.createAccessKey(r -> r.userName(name)).accessKey();
  }

  static String assume(LiveServer server, AccessKey key) {
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("upgrade"));
      return "allowed";
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      return e.awsErrorDetails().errorCode();
    }
  }

  @Test
  void theNextStartResolvesStoredTrustPoliciesAndLeavesMissingPrincipalsTrustingNoOne()
      throws Exception {
    String stuart = "arn:aws:iam::" + ACCOUNT + ":user/Stuart";
    String gone = "arn:aws:iam::" + ACCOUNT + ":user/Gone";
    String legacy = trust(stuart, gone);
    AccessKey stuartKey;
    String stuartId;
    try (LiveServer server = new LiveServer(data);
        IamClient root = server.root()) {
      stuartKey = userWithKey(root, "Stuart");
      stuartId = root.getUser(r -> r.userName("Stuart")).user().userId();
      root.createRole(
          r ->
              r.roleName("Legacy")
                  .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root")));
    }
    // What an earlier version stored: the principals as written, and no record that every trust
    // policy was resolved (the milestone the first start recorded).
    try (Connection c = sqlite();
        PreparedStatement s = c.prepareStatement("UPDATE iam_roles SET trust_policy = ?");
        PreparedStatement m = c.prepareStatement("DELETE FROM gh_milestones")) {
      s.setString(1, legacy);
      assertThat(s.executeUpdate()).isEqualTo(1);
      assertThat(m.executeUpdate()).isEqualTo(1);
    }

    String resolved;
    try (LiveServer server = new LiveServer(data);
        IamClient root = server.root()) {
      resolved = storedTrust();
      String placeholder = resolved.replaceAll(".*\"(AIDA[A-Z0-9]+)\"\\]\\}.*", "$1");
      assertThat(placeholder).matches("AIDA[A-Z0-9]{16,17}").isNotEqualTo(stuartId);
      assertThat(resolved).isEqualTo(trust(stuartId, placeholder));
      assertThat(
              IamSdkTest.decode(
                  root.getRole(r -> r.roleName("Legacy")).role().assumeRolePolicyDocument()))
          .isEqualTo(trust(stuart, placeholder));
      assertThat(assume(server, stuartKey)).isEqualTo("allowed");
      // A user created under the missing principal's name is not trusted.
      AccessKey goneKey = userWithKey(root, "Gone");
      assertThat(assume(server, goneKey)).isEqualTo("AccessDenied");
    }
    // Starting again changes nothing, though a user named Gone exists now.
    try (LiveServer server = new LiveServer(data);
        IamClient root = server.root()) {
      assertThat(storedTrust()).isEqualTo(resolved);
      assertThat(
              IamSdkTest.decode(
                  root.getRole(r -> r.roleName("Legacy")).role().assumeRolePolicyDocument()))
          .doesNotContain("user/Gone");
    }
  }
}
