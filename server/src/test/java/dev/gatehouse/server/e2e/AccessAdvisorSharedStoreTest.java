package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.net.URI;
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
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
    ServerConfig.AccountChoice account = new ServerConfig.AccountChoice.Given(ACCOUNT);
    a = database.start(database.config(dir.resolve("a"), account), database.environment);
    b = database.start(database.config(dir.resolve("b"), account), database.environment);
    rootA =
        iam(a, AwsBasicCredentials.create(SharedPostgres.ROOT_KEY_ID, SharedPostgres.ROOT_SECRET));
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {rootA, a, b, database}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static IamClient iam(Gatehouse node, AwsCredentials credentials) {
    return IamClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + node.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
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
