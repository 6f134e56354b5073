package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.SharedPostgres.endpoint;
import static dev.gatehouse.server.e2e.SharedPostgres.iam;
import static dev.gatehouse.server.e2e.SharedPostgres.sts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.sigv4.SigningCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Access grants on two nodes sharing PostgreSQL: a grant approved on node A lets its requester
 * assume the role on node B, and a grant revoked on A ends the session on B within a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedStoreGrantsTest {
  private static final String ACCOUNT = "123456789012";
  private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/Elevated";

  @TempDir static Path dir;
  private SharedPostgres database;
  private Gatehouse a;
  private Gatehouse b;
  private IamClient rootA;

  @BeforeAll
  void start() throws Exception {
    database = new SharedPostgres();
    a = database.startNode(dir.resolve("a"), ACCOUNT);
    b = database.startNode(dir.resolve("b"), ACCOUNT);
    rootA = iam(a, SharedPostgres.root());
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {rootA, a, b, database}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static String code(Supplier<?> call) {
    try {
      var unused = call.get();
    } catch (AwsServiceException e) {
      return e.awsErrorDetails().errorCode();
    }
    return "none";
  }

  private static String eventually(Supplier<?> call, String expected, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    String last = code(call);
    while (!last.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      last = code(call);
    }
    return last;
  }

  private AwsBasicCredentials user(String name, String policy) {
    rootA.createUser(r -> r.userName(name));
    rootA.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
    AccessKey key = rootA.createAccessKey(r -> r.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  private static GatehouseApiClient on(Gatehouse node, AwsBasicCredentials c) {
    return new GatehouseApiClient(
        endpoint(node), SigningCredentials.of(c.accessKeyId(), c.secretAccessKey()));
  }

  private static String first(String regex, String body) {
    Matcher m = Pattern.compile(regex).matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  @Test
  void aGrantEndedOnARefusesItsSessionOnBWithinASecond() throws Exception {
    String all =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "[\"sts:AssumeRole\",\"gatehouse:*\",\"iam:ListUsers\"],\"Resource\":\"*\"}]}";
    AwsBasicCredentials stu = user("stu", all);
    AwsBasicCredentials mia = user("mia", all);
    rootA.createRole(
        r ->
            r.roleName("Elevated")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + ACCOUNT
                        + ":user/stu\"},\"Action\":\"sts:AssumeRole\",\"Condition\":"
                        + "{\"StringLike\":{\"gatehouse:GrantId\":\"ag-*\"}}}]}"));
    rootA.putRolePolicy(
        r ->
            r.roleName("Elevated")
                .policyName("list")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}"));
    GatehouseApiClient admin =
        new GatehouseApiClient(
            endpoint(a),
            SigningCredentials.of(SharedPostgres.ROOT_KEY_ID, SharedPostgres.ROOT_SECRET));
    GatehouseApiClient.Response put =
        admin.call(
            "PutRoleRequestPolicy",
            Map.of(
                "RoleName", "Elevated",
                "Approvers.member.1", "arn:aws:iam::" + ACCOUNT + ":user/mia",
                "MaxDurationSeconds", "7200"));
    assertThat(put.status()).as(put.body()).isEqualTo(200);

    // Without a grant the role is refused on B, whatever the trust policy says.
    try (StsClient stsB = sts(b, stu)) {
      assertThat(
              eventually(
                  () -> stsB.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1")),
                  "AccessDenied",
                  Duration.ofSeconds(15)))
          .isEqualTo("AccessDenied");
    }
    GatehouseApiClient.Response asked =
        on(a, stu)
            .call(
                "CreateAccessRequest",
                Map.of("RoleArn", ROLE, "DurationSeconds", "3600", "Reason", "INC-7"));
    assertThat(asked.status()).as(asked.body()).isEqualTo(200);
    String id = first("<AccessRequestId>(ar-[0-9a-f]+)</AccessRequestId>", asked.body());
    GatehouseApiClient.Response approved =
        on(a, mia).call("ApproveAccessRequest", Map.of("AccessRequestId", id));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    String grant = first("<GrantId>(ag-[0-9a-f]+)</GrantId>", approved.body());

    // B checks grants in memory: A's approval reaches it through the change feed, within a second.
    Credentials session;
    try (StsClient stsB = sts(b, stu)) {
      long approvedAt = System.nanoTime();
      assertThat(
              eventually(
                  () -> stsB.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s0")),
                  "none",
                  Duration.ofSeconds(1)))
          .isEqualTo("none");
      assertThat(Duration.ofNanos(System.nanoTime() - approvedAt))
          .isLessThan(Duration.ofSeconds(1));
      session = stsB.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1")).credentials();
    }
    AwsSessionCredentials creds =
        AwsSessionCredentials.create(
            session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    try (IamClient onB = iam(b, creds)) {
      assertThat(onB.listUsers().users()).extracting(u -> u.userName()).contains("stu");
      GatehouseApiClient.Response revoked =
          on(a, mia).call("RevokeAccessGrant", Map.of("GrantId", grant));
      assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
      long start = System.nanoTime();
      assertThat(eventually(onB::listUsers, "InvalidClientTokenId", Duration.ofSeconds(1)))
          .isEqualTo("InvalidClientTokenId");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
    // New sessions under the ended grant are refused on B too, once the feed told it.
    try (StsClient stsB = sts(b, stu)) {
      assertThat(
              eventually(
                  () -> stsB.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s2")),
                  "AccessDenied",
                  Duration.ofSeconds(1)))
          .isEqualTo("AccessDenied");
    }
  }
}
