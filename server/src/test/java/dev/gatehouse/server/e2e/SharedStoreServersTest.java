package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.SharedPostgres.endpoint;
import static dev.gatehouse.server.e2e.SharedPostgres.iam;
import static dev.gatehouse.server.e2e.SharedPostgres.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.sigv4.SigningCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Two full servers, each with its own data directory, on one PostgreSQL database: what an AWS
 * client does through node A holds on node B (users, access keys, role sessions, revocations).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedStoreServersTest {
  private static final String ACCOUNT = "123456789012";

  @TempDir static Path dir;
  private SharedPostgres database;
  private Gatehouse a;
  private Gatehouse b;
  private IamClient rootA;
  private IamClient rootB;

  @BeforeAll
  void start() throws Exception {
    database = new SharedPostgres();
    a = database.startNode(dir.resolve("a"), ACCOUNT);
    b = database.startNode(dir.resolve("b"), ACCOUNT);
    AwsBasicCredentials root = SharedPostgres.root();
    rootA = iam(a, root);
    rootB = iam(b, root);
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {rootA, rootB, a, b, database}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** The AWS error code of {@code call}, or "none". */
  private static String code(Supplier<?> call) {
    try {
      var unused = call.get();
    } catch (AwsServiceException e) {
      return e.awsErrorDetails().errorCode();
    }
    return "none";
  }

  /**
   * Polls until the other node has heard of the change through the feed: the writing node is up to
   * date at once, the others within a bounded delay (the deadline only ends a hung test).
   */
  private static String eventually(Supplier<?> call, String expectedCode) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    String last = code(call);
    while (!last.equals(expectedCode) && System.nanoTime() < deadline) {
      Thread.sleep(25);
      last = code(call);
    }
    return last;
  }

  /** Polls until {@code condition} holds, as {@link #eventually(Supplier, String)} does. */
  private static boolean eventuallyTrue(Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.get() && System.nanoTime() < deadline) {
      Thread.sleep(25);
    }
    return condition.get();
  }

  private static String trustPolicy(IamClient iam, String roleName) {
    return IamSdkTest.decode(
        iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument());
  }

  private AwsBasicCredentials userWithKey(String name, String policy) {
    rootA.createUser(r -> r.userName(name));
    rootA.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
    AccessKey key = rootA.createAccessKey(r -> r.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  private static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  /**
   * Nodes sharing PostgreSQL keep no objects of their own: without {@code --s3-backend} they do not
   * serve S3 (the embedded object store would leave each node with different objects).
   */
  @Test
  void nodesSharingPostgresServeNoS3WithoutABackend() {
    AwsBasicCredentials root = SharedPostgres.root();
    try (S3Client s3 = S3Fixture.s3(endpoint(a), root)) {
      assertThatThrownBy(() -> s3.createBucket(r -> r.bucket("not-on-a-shared-store")))
          .isInstanceOf(software.amazon.awssdk.core.exception.SdkException.class);
      assertThatThrownBy(s3::listBuckets)
          .isInstanceOf(software.amazon.awssdk.core.exception.SdkException.class);
    }
  }

  @Test
  void bothNodesServeTheOneAccountOfTheStore() throws Exception {
    assertThat(a.accountId()).isEqualTo(ACCOUNT);
    assertThat(b.accountId()).isEqualTo(ACCOUNT);
    assertThat(database.count("SELECT COUNT(*) FROM iam_accounts")).isEqualTo(1);
  }

  @Test
  void aUserCreatedOnAIsReadOnB() throws Exception {
    // B has built its snapshot of the account before the user exists.
    assertThat(code(() -> rootB.getUser(r -> r.userName("alice")))).isEqualTo("NoSuchEntity");
    rootA.createUser(r -> r.userName("alice").path("/team/"));
    assertThat(eventually(() -> rootB.getUser(r -> r.userName("alice")), "none")).isEqualTo("none");
    assertThat(rootB.getUser(r -> r.userName("alice")).user().path()).isEqualTo("/team/");
  }

  @Test
  void anAccessKeyCreatedOnASignsOnBUntilItIsDeletedOnA() throws Exception {
    AwsBasicCredentials bob = userWithKey("bob", allow("iam:GetUser", "*"));
    try (IamClient bobOnB = iam(b, bob)) {
      assertThat(eventually(() -> bobOnB.getUser(r -> r.userName("bob")), "none"))
          .isEqualTo("none");
      rootA.deleteAccessKey(r -> r.userName("bob").accessKeyId(bob.accessKeyId()));
      assertThat(eventually(() -> bobOnB.getUser(r -> r.userName("bob")), "InvalidClientTokenId"))
          .isEqualTo("InvalidClientTokenId");
    }
  }

  @Test
  void aRoleSessionFromAWorksOnBUntilARevocationOnA() throws Exception {
    String role = "arn:aws:iam::" + ACCOUNT + ":role/Reader";
    AwsBasicCredentials carol = userWithKey("carol", allow("sts:AssumeRole", role));
    rootA.createRole(
        r ->
            r.roleName("Reader")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + ACCOUNT
                        + ":user/carol\"},\"Action\":\"sts:AssumeRole\"}]}"));
    rootA.putRolePolicy(
        r -> r.roleName("Reader").policyName("read").policyDocument(allow("iam:ListUsers", "*")));
    Credentials session;
    try (StsClient stsA = sts(a, carol)) {
      session = stsA.assumeRole(r -> r.roleArn(role).roleSessionName("s1")).credentials();
    }
    AwsSessionCredentials sealed =
        AwsSessionCredentials.create(
            session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    try (IamClient onB = iam(b, sealed)) {
      // B unseals the token A issued with the shared session keys.
      assertThat(onB.listUsers().users()).extracting(u -> u.userName()).contains("carol");

      GatehouseApiClient admin =
          new GatehouseApiClient(
              endpoint(a),
              SigningCredentials.of(SharedPostgres.ROOT_KEY_ID, SharedPostgres.ROOT_SECRET));
      GatehouseApiClient.Response revoked =
          admin.call("RevokeSession", Map.of("AccessKeyId", session.accessKeyId()));
      assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
      assertThat(eventually(onB::listUsers, "InvalidClientTokenId"))
          .isEqualTo("InvalidClientTokenId");
    }
  }

  @Test
  void trustPoliciesHoldUsersByIdOnEveryNode() throws Exception {
    String role = "arn:aws:iam::" + ACCOUNT + ":role/OnlyDan";
    String danArn = "arn:aws:iam::" + ACCOUNT + ":user/dan";
    String trustDan =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\""
            + danArn
            + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    AwsBasicCredentials dan = userWithKey("dan", allow("iam:GetUser", "*"));
    String oldId = rootA.getUser(r -> r.userName("dan")).user().userId();
    rootA.createRole(r -> r.roleName("OnlyDan").assumeRolePolicyDocument(trustDan));
    // The database holds the id; each node shows the ARN from its own snapshot.
    assertThat(
            database.count(
                "SELECT COUNT(*) FROM iam_roles WHERE name = 'OnlyDan' AND trust_policy = '"
                    + trustDan.replace(danArn, oldId)
                    + "'"))
        .isEqualTo(1);
    assertThat(eventually(() -> rootB.getRole(r -> r.roleName("OnlyDan")), "none"))
        .isEqualTo("none");
    assertThat(trustPolicy(rootB, "OnlyDan")).isEqualTo(trustDan);

    // Dan is deleted and created again on A: B shows the old id and refuses the new Dan.
    rootA.deleteAccessKey(r -> r.userName("dan").accessKeyId(dan.accessKeyId()));
    rootA.deleteUserPolicy(r -> r.userName("dan").policyName("p"));
    rootA.deleteUser(r -> r.userName("dan"));
    AwsBasicCredentials newDan = userWithKey("dan", allow("iam:GetUser", "*"));
    assertThat(eventuallyTrue(() -> trustPolicy(rootB, "OnlyDan").contains(oldId))).isTrue();
    assertThat(trustPolicy(rootB, "OnlyDan")).isEqualTo(trustDan.replace(danArn, oldId));
    try (StsClient stsB = sts(b, newDan)) {
      Supplier<Object> assume = () -> stsB.assumeRole(r -> r.roleArn(role).roleSessionName("s1"));
      // Once B knows the new key, the trust refuses its owner.
      assertThat(eventually(assume, "AccessDenied")).isEqualTo("AccessDenied");

      // Refused on B as on A; written again on B, A trusts the new Dan.
      assertThat(
              code(
                  () ->
                      rootB.updateAssumeRolePolicy(
                          r ->
                              r.roleName("OnlyDan")
                                  .policyDocument(trustDan.replace("user/dan", "user/nobody")))))
          .isEqualTo("MalformedPolicyDocument");
      rootB.updateAssumeRolePolicy(r -> r.roleName("OnlyDan").policyDocument(trustDan));
      try (StsClient stsA = sts(a, newDan)) {
        assertThat(
                eventually(
                    () -> stsA.assumeRole(r -> r.roleArn(role).roleSessionName("s1")), "none"))
            .isEqualTo("none");
      }
      assertThat(code(assume)).isEqualTo("none");
    }
  }
}
