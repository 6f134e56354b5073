package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.SharedPostgres.iam;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;

/**
 * Access advisor across two servers on one PostgreSQL database: a call through node B shows in the
 * report node A generates once B has written its record (every few seconds, off the request path).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessAdvisorSharedStoreTest {
  private static final String ACCOUNT = "123456789012";

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

  private Optional<ServiceLastAccessed> iamOf(String arn) {
    String jobId = rootA.generateServiceLastAccessedDetails(r -> r.arn(arn)).jobId();
    return rootA.getServiceLastAccessedDetails(r -> r.jobId(jobId)).servicesLastAccessed().stream()
        .filter(s -> s.serviceNamespace().equals("iam"))
        .findFirst();
  }

  @Test
  void aCallThroughOneNodeShowsInTheReportOfTheOther() throws Exception {
    rootA.createUser(r -> r.userName("shared-advisor"));
    rootA.putUserPolicy(
        r ->
            r.userName("shared-advisor")
                .policyName("read")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:Get*\",\"Resource\":\"*\"}]}"));
    AccessKey key = rootA.createAccessKey(r -> r.userName("shared-advisor")).accessKey();
    String arn = "arn:aws:iam::" + ACCOUNT + ":user/shared-advisor";
    assertThat(iamOf(arn).orElseThrow().lastAuthenticated()).isNull();

    try (IamClient onB =
        iam(b, AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
      onB.getUser();
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
    ServiceLastAccessed seen = iamOf(arn).orElseThrow();
    while (seen.lastAuthenticated() == null && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      seen = iamOf(arn).orElseThrow();
    }
    assertThat(seen.lastAuthenticated()).isNotNull();
    assertThat(seen.lastAuthenticatedEntity()).isEqualTo(arn);
    assertThat(seen.totalAuthenticatedEntities()).isEqualTo(1);
  }
}
