package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.SharedPostgres.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.objects.S3Backend;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 served by a cluster: two Gatehouse nodes sharing one PostgreSQL database (the catalog of
 * buckets, objects and bucket policies) and one S3-compatible backend (S3Proxy, an implementation
 * Gatehouse did not write, SigV4 enforced) for the objects' bytes. What a client does through node
 * A holds through node B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3SharedBackendTest {
  private static final String ACCOUNT = "123456789012";
  private static final String BACKEND_KEY = "AKIDSHAREDBACKEND001";
  private static final String BACKEND_SECRET = "sharedBackendSecret/0123456789abcdefghij";

  @TempDir static Path dir;
  private SharedPostgres database;
  private S3Proxy proxy;
  private Gatehouse a;
  private Gatehouse b;
  private S3Client rootA;
  private S3Client rootB;
  private S3Client behind;

  @BeforeAll
  void start() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, BACKEND_KEY, BACKEND_SECRET)
            .build();
    proxy.start();
    for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
      Thread.sleep(10);
    }
    URI backend = URI.create("http://127.0.0.1:" + proxy.getPort());
    database = new SharedPostgres();
    Map<String, String> env = new HashMap<>(database.environment);
    env.put(S3Backend.ENV_ACCESS_KEY_ID, BACKEND_KEY);
    env.put(S3Backend.ENV_SECRET_ACCESS_KEY, BACKEND_SECRET);
    env.put("GATEHOUSE_S3_BACKEND_BUCKET_PREFIX", "gh-");
    ServerConfig.AccountChoice account = new ServerConfig.AccountChoice.Given(ACCOUNT);
    a =
        database.start(
            database.config(dir.resolve("a"), account).withS3Backend(backend.toString()), env);
    b =
        database.start(
            database.config(dir.resolve("b"), account).withS3Backend(backend.toString()), env);
    AwsBasicCredentials root = SharedPostgres.root();
    rootA = S3Fixture.s3(endpoint(a), root);
    rootB = S3Fixture.s3(endpoint(b), root);
    behind = S3Fixture.s3(backend, AwsBasicCredentials.create(BACKEND_KEY, BACKEND_SECRET));
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {rootA, rootB, behind, a, b, database}) {
      if (c != null) {
        c.close();
      }
    }
    if (proxy != null) {
      proxy.stop();
    }
  }

  /** The S3 error code of a call, or "none" when it succeeds. */
  private static String code(Supplier<?> call) {
    try {
      var unused = call.get();
    } catch (AwsServiceException e) {
      return e.awsErrorDetails().errorCode();
    }
    return "none";
  }

  /** Polls until the call answers {@code expected} (the deadline only ends a hung test). */
  private static String eventually(Supplier<?> call, String expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    String last = code(call);
    while (!last.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(25);
      last = code(call);
    }
    return last;
  }

  @Test
  void aBucketAndObjectWrittenThroughAAreListedAndReadThroughB() throws Exception {
    rootA.createBucket(r -> r.bucket("shared"));
    rootA.putObject(
        r -> r.bucket("shared").key("dir/one.txt"), RequestBody.fromString("written on A"));

    assertThat(eventually(() -> rootB.headBucket(r -> r.bucket("shared")), "none"))
        .isEqualTo("none");
    assertThat(rootB.listBuckets().buckets()).extracting(x -> x.name()).contains("shared");
    assertThat(rootB.listObjectsV2(r -> r.bucket("shared")).contents())
        .extracting(S3Object::key, S3Object::size)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dir/one.txt", 12L));
    assertThat(rootB.getObjectAsBytes(r -> r.bucket("shared").key("dir/one.txt")).asUtf8String())
        .isEqualTo("written on A");
    // The bytes are in the one backend, under the configured prefix, and nowhere per node.
    assertThat(
            behind.getObjectAsBytes(r -> r.bucket("gh-shared").key("dir/one.txt")).asUtf8String())
        .isEqualTo("written on A");

    // Written again and deleted through B: A sees it at once, from the shared catalog.
    rootB.putObject(r -> r.bucket("shared").key("dir/one.txt"), RequestBody.fromString("from B"));
    assertThat(rootA.getObjectAsBytes(r -> r.bucket("shared").key("dir/one.txt")).asUtf8String())
        .isEqualTo("from B");
    rootB.deleteObject(r -> r.bucket("shared").key("dir/one.txt"));
    assertThat(code(() -> rootA.getObjectAsBytes(r -> r.bucket("shared").key("dir/one.txt"))))
        .isEqualTo("NoSuchKey");
    assertThat(rootA.listObjectsV2(r -> r.bucket("shared")).contents()).isEmpty();
  }

  @Test
  void aBucketPolicyPutOnATakesEffectOnB() throws Exception {
    AwsBasicCredentials reader;
    try (IamClient iam =
        IamClient.builder()
            .endpointOverride(endpoint(a))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        SharedPostgres.ROOT_KEY_ID, SharedPostgres.ROOT_SECRET)))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      // A user with no policy of its own: only the bucket policy can let it read.
      iam.createUser(r -> r.userName("reader"));
      AccessKey key = iam.createAccessKey(r -> r.userName("reader")).accessKey();
      reader = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
    rootA.createBucket(r -> r.bucket("guarded"));
    rootA.putObject(r -> r.bucket("guarded").key("k"), RequestBody.fromString("guarded bytes"));
    try (S3Client readerOnB = S3Fixture.s3(endpoint(b), reader)) {
      Supplier<Object> read =
          () -> readerOnB.getObjectAsBytes(r -> r.bucket("guarded").key("k")).asUtf8String();
      // Once B knows the key, it refuses the read: nothing grants it yet.
      assertThat(eventually(read, "AccessDenied")).isEqualTo("AccessDenied");

      rootA.putBucketPolicy(
          r ->
              r.bucket("guarded")
                  .policy(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
                          + ACCOUNT
                          + ":user/reader\"},\"Action\":\"s3:GetObject\","
                          + "\"Resource\":\"arn:aws:s3:::guarded/*\"}]}"));
      assertThat(eventually(read, "none")).isEqualTo("none");
      assertThat(read.get()).isEqualTo("guarded bytes");
      assertThat(rootB.getBucketPolicy(r -> r.bucket("guarded")).policy()).contains("user/reader");
      // The grant is for reading only: B still refuses a write.
      assertThat(
              code(
                  () ->
                      readerOnB.putObject(
                          r -> r.bucket("guarded").key("k"), RequestBody.fromString("x"))))
          .isEqualTo("AccessDenied");

      rootA.deleteBucketPolicy(r -> r.bucket("guarded"));
      assertThat(eventually(read, "AccessDenied")).isEqualTo("AccessDenied");
    }
  }
}
