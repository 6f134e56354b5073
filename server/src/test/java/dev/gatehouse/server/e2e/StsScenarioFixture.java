package dev.gatehouse.server.e2e;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The live server and the accounts of the founding scenario (SCENARIO.md) that the STS end-to-end
 * tests share: the AWS SDK for Java v2 (StsClient and IamClient) over a real socket, an injected
 * clock, and helpers that return AWS's error for a refused call.
 */
abstract class StsScenarioFixture {
  static final String ACCOUNT = "123456789012";
  static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/RoleS3FullAccess";
  static final String STUART_ARN = "arn:aws:iam::" + ACCOUNT + ":user/Stuart";

  @TempDir static Path data;
  static MutableClock clock = new MutableClock();
  static Gatehouse gatehouse;
  static IamClient root;
  static AwsBasicCredentials rootCredentials;
  static AwsBasicCredentials stuart;
  static AwsBasicCredentials bob;

  static String trust(String principal, String condition) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principal
        + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]"
        + condition
        + "}]}";
  }

  static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config = ServerConfig.local(data).withAccount(ACCOUNT);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    gatehouse = Gatehouse.start(config, quiet, clock, Map.of());
    Map<String, String> creds = LiveServer.credentialsFile(data.resolve("root-credentials"));
    rootCredentials =
        AwsBasicCredentials.create(
            creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"));
    root = iam(rootCredentials);
    // Step 1: the administrator creates RoleS3FullAccess trusting the account, AmazonS3FullAccess
    // attached, with a description.
    root.createRole(
        r ->
            r.roleName("RoleS3FullAccess")
                .description("Temporary S3 administration")
                .maxSessionDuration(43200)
                .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root", "")));
    root.attachRolePolicy(
        r ->
            r.roleName("RoleS3FullAccess").policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    // A role that grants something IAM can show: IAMReadOnlyAccess.
    root.createRole(
        r ->
            r.roleName("RoleIamRead")
                .maxSessionDuration(43200)
                .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root", "")));
    root.attachRolePolicy(
        r -> r.roleName("RoleIamRead").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
    stuart = user("Stuart");
    bob = user("Bob");
    // Stuart may read one user on his own (his permission, not the role's).
    root.putUserPolicy(
        r ->
            r.userName("Stuart")
                .policyName("OwnGetUser")
                .policyDocument(allow("iam:GetUser", STUART_ARN)));
    root.putUserPolicy(
        r ->
            r.userName("Stuart")
                .policyName("AssumeIamRead")
                .policyDocument(
                    allow("sts:AssumeRole", "arn:aws:iam::" + ACCOUNT + ":role/RoleIamRead")));
  }

  static AwsBasicCredentials user(String name) {
    root.createUser(r -> r.userName(name));
    AccessKey key = root.createAccessKey(r -> r.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  @AfterAll
  static void stop() {
    root.close();
    gatehouse.close();
  }

  static URI endpoint() {
    return URI.create("http://127.0.0.1:" + gatehouse.port());
  }

  static IamClient iam(AwsCredentials credentials) {
    return IamClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  static AwsServiceException error(ThrowingCallable call) {
    return IamSdkServerTest.error(call);
  }

  static AssumeRoleResponse assume(AwsCredentials as, String roleArn, String session) {
    try (StsClient sts = sts(as)) {
      return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(session));
    }
  }
}
