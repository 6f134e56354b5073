package dev.gatehouse.server.e2e;

import java.nio.file.Path;
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
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A live server whose management account (123456789012) has created an organization and one member
 * account, and the AWS SDK clients (Organizations, STS, IAM) to reach both over a real socket.
 */
abstract class OrganizationsFixture {
  static final String MANAGEMENT = "123456789012";
  static final String ACCESS_ROLE = "OrganizationAccountAccessRole";

  @TempDir static Path data;
  static LiveServer server;
  static AwsBasicCredentials root;
  static Organization organization;
  static CreateAccountStatus created;
  static String member;

  @BeforeAll
  static void startWithAnOrganization() throws Exception {
    server = new LiveServer(data);
    root = AwsBasicCredentials.create(server.rootKeyId, server.rootSecret);
    administrator = null;
    try (OrganizationsClient orgs = orgs(root)) {
      organization = orgs.createOrganization(r -> {}).organization();
      created =
          orgs.createAccount(r -> r.email("production@example.com").accountName("Production"))
              .createAccountStatus();
    }
    member = created.accountId();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String roleArn(String account, String name) {
    return "arn:aws:iam::" + account + ":role/" + name;
  }

  static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  static String trust(String principal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principal
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  static OrganizationsClient orgs(AwsCredentials credentials) {
    return OrganizationsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static IamClient iam(AwsCredentials credentials) {
    return IamClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Assumes a role and returns the session's credentials. */
  static AwsSessionCredentials assume(AwsCredentials as, String roleArn) {
    try (StsClient sts = sts(as)) {
      Credentials c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("e2e")).credentials();
      return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }
  }

  /** Creates a user with an access key (and an inline policy unless {@code policy} is empty). */
  static AwsBasicCredentials user(AwsCredentials admin, String name, String policy) {
    try (IamClient iam = iam(admin)) {
      iam.createUser(r -> r.userName(name));
      if (!policy.isEmpty()) {
        iam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
      }
      AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
      return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
  }

  private static AwsBasicCredentials administrator;

  /** A management-account user allowed everything (the root user may not assume roles). */
  static synchronized AwsBasicCredentials administrator() {
    if (administrator == null) {
      administrator = user(root, "administrator", allow("*", "*"));
    }
    return administrator;
  }

  static AwsServiceException error(ThrowingCallable call) {
    return IamSdkServerTest.error(call);
  }
}
