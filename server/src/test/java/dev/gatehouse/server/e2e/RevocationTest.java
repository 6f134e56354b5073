package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.sigv4.SigningCredentials;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Gatehouse's revocation API: one session, every session of a user, AWS's "revoke active sessions"
 * for a role; effective on the next request and kept across a restart.
 */
class RevocationTest {
  static final String ACCOUNT = "123456789012";
  static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/Reader";

  @TempDir static Path data;
  static LiveServer server;
  static IamClient root;
  static AwsBasicCredentials stuart;
  static GatehouseApiClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = new LiveServer(data);
    root = server.root();
    root.createUser(r -> r.userName("Stuart"));
    AccessKey key = root.createAccessKey(r -> r.userName("Stuart")).accessKey();
    stuart = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    root.createRole(
        r ->
            r.roleName("Reader")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + ACCOUNT
                        + ":user/Stuart\"},\"Action\":\"sts:AssumeRole\"}]}"));
    root.attachRolePolicy(
        r -> r.roleName("Reader").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
    admin =
        new GatehouseApiClient(
            server.endpoint(), SigningCredentials.of(server.rootKeyId, server.rootSecret));
  }

  @AfterAll
  static void stop() {
    root.close();
    server.close();
  }

  static StsClient sts(software.amazon.awssdk.auth.credentials.AwsCredentials c) {
    return StsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static IamClient iam(Credentials c) {
    return IamClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static Credentials assume(String session) {
    try (StsClient sts = sts(stuart)) {
      return sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName(session)).credentials();
    }
  }

  static String code(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return e.awsErrorDetails().errorCode();
    }
    return "none";
  }

  @Test
  void oneSessionByItsAccessKey() throws Exception {
    Credentials revoked = assume("one");
    Credentials kept = assume("two");
    try (IamClient a = iam(revoked);
        IamClient b = iam(kept)) {
      assertThat(a.listUsers().users()).isNotEmpty();
      // Stuart may not revoke: gatehouse:RevokeSession is not his.
      GatehouseApiClient asStuart =
          new GatehouseApiClient(
              server.endpoint(),
              SigningCredentials.of(stuart.accessKeyId(), stuart.secretAccessKey()));
      GatehouseApiClient.Response refused =
          asStuart.call("RevokeSession", Map.of("AccessKeyId", revoked.accessKeyId()));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body()).contains("gatehouse:RevokeSession");
      assertThat(a.listUsers().users()).isNotEmpty();

      GatehouseApiClient.Response ok =
          admin.call("RevokeSession", Map.of("AccessKeyId", revoked.accessKeyId()));
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      assertThat(ok.body()).contains("<RevokeSessionResponse");
      assertThat(code(a::listUsers)).isEqualTo("InvalidClientTokenId");
      assertThat(b.listUsers().users()).isNotEmpty();
    }
    assertThat(admin.call("RevokeSession", Map.of("AccessKeyId", "AKIAIOSFODNN7EXAMPLE")).status())
        .isEqualTo(400);
  }

  @Test
  void everySessionOfAUserAndItSurvivesARestart() throws Exception {
    Credentials before = assume("before");
    GatehouseApiClient.Response ok = admin.call("RevokeUserSessions", Map.of("UserName", "Stuart"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    try (IamClient a = iam(before)) {
      assertThat(code(a::listUsers)).isEqualTo("InvalidClientTokenId");
    }
    // Restart on the same data directory: still revoked.
    server.close();
    server = new LiveServer(data);
    try (IamClient a = iam(before)) {
      assertThat(code(a::listUsers)).isEqualTo("InvalidClientTokenId");
    }
    root.close();
    root = server.root();
    admin =
        new GatehouseApiClient(
            server.endpoint(), SigningCredentials.of(server.rootKeyId, server.rootSecret));
    assertThat(admin.call("RevokeUserSessions", Map.of("UserName", "Nobody")).status())
        .isEqualTo(404);
  }

  @Test
  void revokeRoleSessionsPutsAwsRevokeOlderSessions() throws Exception {
    Credentials old = assume("old");
    GatehouseApiClient.Response ok = admin.call("RevokeRoleSessions", Map.of("RoleName", "Reader"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(
            root.getRolePolicy(r -> r.roleName("Reader").policyName("AWSRevokeOlderSessions"))
                .policyDocument())
        .contains("aws%3ATokenIssueTime");
    try (IamClient a = iam(old)) {
      assertThat(code(a::listUsers)).isEqualTo("AccessDenied");
    }
    root.deleteRolePolicy(r -> r.roleName("Reader").policyName("AWSRevokeOlderSessions"));
  }
}
