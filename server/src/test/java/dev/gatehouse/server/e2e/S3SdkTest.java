package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 end to end with the AWS SDK for Java v2 (path style, its default checksums and aws-chunked
 * uploads) against a live Gatehouse: buckets, objects, listings, copies, ranges, multipart, tags,
 * policies, and each refusal.
 */
class S3SdkTest {
  @TempDir static Path data;
  static LiveServer server;
  static IamClient root;
  static AwsBasicCredentials rootKeys;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    server = new LiveServer(data);
    root = server.root();
    rootKeys = AwsBasicCredentials.create(server.rootKeyId, server.rootSecret);
    s3 = S3Fixture.s3(server.endpoint(), rootKeys);
  }

  @AfterAll
  static void stop() {
    s3.close();
    root.close();
    server.close();
  }

  static AwsBasicCredentials user(String name, String... policies) {
    root.createUser(r -> r.userName(name));
    for (int i = 0; i < policies.length; i++) {
      String document = policies[i];
      String policyName = "p" + i;
      root.putUserPolicy(r -> r.userName(name).policyName(policyName).policyDocument(document));
    }
    AccessKey key = root.createAccessKey(r -> r.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  static String policy(String effect, String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void bucketsAndObjectsAsRoot() {
    s3.createBucket(r -> r.bucket("alpha"));
    s3.headBucket(r -> r.bucket("alpha"));
    assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("alpha");
    assertThat(s3.getBucketLocation(r -> r.bucket("alpha")).locationConstraintAsString()).isEmpty();

    byte[] body = bytes(200_000, 1);
    s3.putObject(
        r ->
            r.bucket("alpha")
                .key("dir/one.bin")
                .contentType("application/x-test")
                .metadata(Map.of("colour", "blue")),
        RequestBody.fromBytes(body));
    s3.putObject(r -> r.bucket("alpha").key("dir/sub/two.txt"), RequestBody.fromString("two"));
    s3.putObject(r -> r.bucket("alpha").key("top.txt"), RequestBody.fromString("top"));

    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(r -> r.bucket("alpha").key("dir/one.bin"));
    assertThat(got.asByteArray()).isEqualTo(body);
    assertThat(got.response().contentType()).isEqualTo("application/x-test");
    assertThat(got.response().metadata()).containsEntry("colour", "blue");

    HeadObjectResponse head = s3.headObject(r -> r.bucket("alpha").key("dir/one.bin"));
    assertThat(head.contentLength()).isEqualTo(200_000L);
    assertThat(head.eTag()).isEqualTo(got.response().eTag());

    byte[] range =
        s3.getObjectAsBytes(r -> r.bucket("alpha").key("dir/one.bin").range("bytes=10-19"))
            .asByteArray();
    assertThat(range).isEqualTo(java.util.Arrays.copyOfRange(body, 10, 20));

    ListObjectsV2Response listed =
        s3.listObjectsV2(r -> r.bucket("alpha").prefix("dir/").delimiter("/"));
    assertThat(listed.contents()).extracting(S3Object::key).containsExactly("dir/one.bin");
    assertThat(listed.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/sub/");
    assertThat(s3.listObjects(r -> r.bucket("alpha")).contents()).hasSize(3);

    s3.copyObject(
        r ->
            r.sourceBucket("alpha")
                .sourceKey("top.txt")
                .destinationBucket("alpha")
                .destinationKey("copy.txt"));
    assertThat(s3.getObjectAsBytes(r -> r.bucket("alpha").key("copy.txt")).asUtf8String())
        .isEqualTo("top");

    assertThat(
            S3Fixture.error(
                    () -> s3.getObject(r -> r.bucket("alpha").key("top.txt").ifMatch("\"nope\"")))
                .statusCode())
        .isEqualTo(412);
    assertThat(S3Fixture.error(() -> s3.getObject(r -> r.bucket("alpha").key("missing"))))
        .satisfies(e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey"));
    assertThat(
            S3Fixture.error(() -> s3.headObject(r -> r.bucket("alpha").key("missing")))
                .statusCode())
        .isEqualTo(404);

    s3.putObjectTagging(
        r ->
            r.bucket("alpha")
                .key("top.txt")
                .tagging(t -> t.tagSet(Tag.builder().key("team").value("blue").build())));
    assertThat(s3.getObjectTagging(r -> r.bucket("alpha").key("top.txt")).tagSet())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("team=blue");

    assertThat(
            S3Fixture.error(() -> s3.deleteBucket(r -> r.bucket("alpha")))
                .awsErrorDetails()
                .errorCode())
        .isEqualTo("BucketNotEmpty");
    var deleted =
        s3.deleteObjects(
            r ->
                r.bucket("alpha")
                    .delete(
                        d ->
                            d.objects(
                                ObjectIdentifier.builder().key("dir/one.bin").build(),
                                ObjectIdentifier.builder().key("dir/sub/two.txt").build(),
                                ObjectIdentifier.builder().key("copy.txt").build())));
    assertThat(deleted.deleted()).hasSize(3);
    s3.deleteObject(r -> r.bucket("alpha").key("top.txt"));
    s3.deleteBucket(r -> r.bucket("alpha"));
    assertThat(S3Fixture.error(() -> s3.headBucket(r -> r.bucket("alpha"))).statusCode())
        .isEqualTo(404);
  }

  @Test
  void multipartUpload() {
    s3.createBucket(r -> r.bucket("multi"));
    String id = s3.createMultipartUpload(r -> r.bucket("multi").key("big.bin")).uploadId();
    byte[] one = bytes(5 * 1024 * 1024, 2);
    byte[] two = bytes(1024 * 1024 + 7, 3);
    String e1 =
        s3.uploadPart(
                r -> r.bucket("multi").key("big.bin").uploadId(id).partNumber(1),
                RequestBody.fromBytes(one))
            .eTag();
    String e2 =
        s3.uploadPart(
                r -> r.bucket("multi").key("big.bin").uploadId(id).partNumber(2),
                RequestBody.fromBytes(two))
            .eTag();
    assertThat(s3.listParts(r -> r.bucket("multi").key("big.bin").uploadId(id)).parts()).hasSize(2);
    assertThat(s3.listMultipartUploads(r -> r.bucket("multi")).uploads()).hasSize(1);
    s3.completeMultipartUpload(
        r ->
            r.bucket("multi")
                .key("big.bin")
                .uploadId(id)
                .multipartUpload(
                    m ->
                        m.parts(
                            CompletedPart.builder().partNumber(1).eTag(e1).build(),
                            CompletedPart.builder().partNumber(2).eTag(e2).build())));
    byte[] all = s3.getObjectAsBytes(r -> r.bucket("multi").key("big.bin")).asByteArray();
    assertThat(all.length).isEqualTo(one.length + two.length);
    assertThat(java.util.Arrays.copyOfRange(all, one.length, all.length)).isEqualTo(two);
    assertThat(s3.headObject(r -> r.bucket("multi").key("big.bin")).eTag()).endsWith("-2\"");

    String aborted = s3.createMultipartUpload(r -> r.bucket("multi").key("gone")).uploadId();
    s3.abortMultipartUpload(r -> r.bucket("multi").key("gone").uploadId(aborted));
    assertThat(
            S3Fixture.error(
                    () -> s3.listParts(r -> r.bucket("multi").key("gone").uploadId(aborted)))
                .awsErrorDetails()
                .errorCode())
        .isEqualTo("NoSuchUpload");
  }

  @Test
  void bucketReadsTerraformMakes() {
    s3.createBucket(r -> r.bucket("tf-reads"));
    assertThat(s3.getBucketVersioning(r -> r.bucket("tf-reads")).status()).isNull();
    assertThat(
            s3.getBucketEncryption(r -> r.bucket("tf-reads"))
                .serverSideEncryptionConfiguration()
                .rules()
                .get(0)
                .applyServerSideEncryptionByDefault()
                .sseAlgorithmAsString())
        .isEqualTo("AES256");
    assertThat(s3.getBucketAcl(r -> r.bucket("tf-reads")).grants())
        .extracting(g -> g.permissionAsString())
        .containsExactly("FULL_CONTROL");
    var cors = S3Fixture.error(() -> s3.getBucketCors(r -> r.bucket("tf-reads")));
    assertThat(cors.statusCode()).isEqualTo(404);
    assertThat(cors.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration");
    assertThat(
            s3.getPublicAccessBlock(r -> r.bucket("tf-reads"))
                .publicAccessBlockConfiguration()
                .blockPublicPolicy())
        .isTrue();
    s3.putBucketTagging(
        r ->
            r.bucket("tf-reads")
                .tagging(t -> t.tagSet(Tag.builder().key("env").value("test").build())));
    assertThat(s3.getBucketTagging(r -> r.bucket("tf-reads")).tagSet()).hasSize(1);
    // Not served: never allowed, S3's NotImplemented.
    var unserved =
        S3Fixture.error(
            () ->
                s3.putBucketVersioning(
                    r -> r.bucket("tf-reads").versioningConfiguration(v -> v.status("Enabled"))));
    assertThat(unserved.statusCode()).isEqualTo(501);
    assertThat(unserved.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
  }

  @Test
  void forgedChunkStoresNothing() {
    tamperedUploadStoresNothing("forged", true, 100_000, "SignatureDoesNotMatch");
  }

  @Test
  void anEmptyUploadWithAForgedFinalChunkStoresNothing() {
    s3.createBucket(r -> r.bucket("forged-empty"));
    // The wire body of an empty object is its final chunk: "0;chunk-signature=" then the hex
    // signature, whose first character is altered here.
    try (S3Client tampering = S3Fixture.tampering(server.endpoint(), rootKeys, true, 18)) {
      var refused =
          S3Fixture.error(
              () ->
                  tampering.putObject(r -> r.bucket("forged-empty").key("k"), RequestBody.empty()));
      assertThat(refused.statusCode())
          .as(refused.awsErrorDetails().errorCode())
          .isBetween(400, 403);
    }
    assertThat(
            S3Fixture.error(() -> s3.headObject(r -> r.bucket("forged-empty").key("k")))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void bodyNotMatchingItsHashStoresNothing() {
    tamperedUploadStoresNothing("hashed", false, 10_000, "XAmzContentSHA256Mismatch");
  }

  /**
   * A PUT whose body is altered on the way (a chunk's bytes when {@code chunked}, else a body under
   * a fixed payload hash) is refused with {@code code}, and no object is there afterwards.
   */
  private void tamperedUploadStoresNothing(String bucket, boolean chunked, int size, String code) {
    s3.createBucket(r -> r.bucket(bucket));
    try (S3Client tampering = S3Fixture.tampering(server.endpoint(), rootKeys, chunked)) {
      var refused =
          S3Fixture.error(
              () ->
                  tampering.putObject(
                      r -> r.bucket(bucket).key("k"), RequestBody.fromBytes(bytes(size, 4))));
      assertThat(refused.awsErrorDetails().errorCode()).isEqualTo(code);
    }
    assertThat(S3Fixture.error(() -> s3.headObject(r -> r.bucket(bucket).key("k"))).statusCode())
        .isEqualTo(404);
  }

  @Test
  void presignedUrls() throws Exception {
    s3.createBucket(r -> r.bucket("shared"));
    s3.putObject(r -> r.bucket("shared").key("note.txt"), RequestBody.fromString("hello"));
    HttpClient http = HttpClient.newHttpClient();
    try (S3Presigner presigner = S3Fixture.presigner(server.endpoint(), rootKeys)) {
      String url =
          presigner
              .presignGetObject(
                  r ->
                      r.signatureDuration(java.time.Duration.ofDays(7))
                          .getObjectRequest(g -> g.bucket("shared").key("note.txt")))
              .url()
              .toString();
      HttpResponse<String> ok =
          http.send(
              HttpRequest.newBuilder(java.net.URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("hello");

      String altered =
          url.replace("note.txt", "note.tx%74")
              .replace("X-Amz-Expires=604800", "X-Amz-Expires=604799");
      HttpResponse<String> bad =
          http.send(
              HttpRequest.newBuilder(java.net.URI.create(altered)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(403);
      assertThat(bad.body()).contains("<Code>SignatureDoesNotMatch</Code>");

      // A presigned PUT: UNSIGNED-PAYLOAD, the body is not covered by the signature.
      String put =
          presigner
              .presignPutObject(
                  r ->
                      r.signatureDuration(java.time.Duration.ofMinutes(5))
                          .putObjectRequest(p -> p.bucket("shared").key("upload.txt")))
              .url()
              .toString();
      HttpResponse<String> uploaded =
          http.send(
              HttpRequest.newBuilder(java.net.URI.create(put))
                  .PUT(HttpRequest.BodyPublishers.ofString("via presigned put"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(uploaded.statusCode()).isEqualTo(200);
      assertThat(s3.getObjectAsBytes(r -> r.bucket("shared").key("upload.txt")).asUtf8String())
          .isEqualTo("via presigned put");

      String shortLived =
          presigner
              .presignGetObject(
                  r ->
                      r.signatureDuration(java.time.Duration.ofSeconds(1))
                          .getObjectRequest(g -> g.bucket("shared").key("note.txt")))
              .url()
              .toString();
      Thread.sleep(2100);
      HttpResponse<String> expired =
          http.send(
              HttpRequest.newBuilder(java.net.URI.create(shortLived)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.body())
          .contains("<Code>AccessDenied</Code>")
          .contains("Request has expired");
    }
  }

  @Test
  void usersNeedPermissionAndDeleteObjectsDecidesPerKey() {
    s3.createBucket(r -> r.bucket("perms"));
    for (String key : List.of("ok/1", "ok/2", "keep/3")) {
      s3.putObject(r -> r.bucket("perms").key(key), RequestBody.fromString(key));
    }
    AwsBasicCredentials nobody = user("Nobody");
    AwsBasicCredentials deleter =
        user(
            "Deleter",
            policy("Allow", "s3:DeleteObject", "arn:aws:s3:::perms/ok/*"),
            policy("Allow", "s3:ListBucket", "arn:aws:s3:::perms"));
    try (S3Client asNobody = S3Fixture.s3(server.endpoint(), nobody);
        S3Client asDeleter = S3Fixture.s3(server.endpoint(), deleter)) {
      var denied = S3Fixture.error(() -> asNobody.listObjectsV2(r -> r.bucket("perms")));
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(S3Fixture.error(() -> asNobody.listBuckets()).statusCode()).isEqualTo(403);

      assertThat(asDeleter.listObjectsV2(r -> r.bucket("perms")).contents()).hasSize(3);
      var result =
          asDeleter.deleteObjects(
              r ->
                  r.bucket("perms")
                      .delete(
                          d ->
                              d.objects(
                                  ObjectIdentifier.builder().key("ok/1").build(),
                                  ObjectIdentifier.builder().key("keep/3").build(),
                                  ObjectIdentifier.builder().key("ok/2").build())));
      assertThat(result.deleted()).extracting(d -> d.key()).containsExactly("ok/1", "ok/2");
      assertThat(result.errors())
          .extracting(e -> e.key() + ":" + e.code())
          .containsExactly("keep/3:AccessDenied");
    }
    assertThat(s3.listObjectsV2(r -> r.bucket("perms")).contents())
        .extracting(S3Object::key)
        .containsExactly("keep/3");
  }

  @Test
  void bucketPolicyDenyWinsOverIdentityAllow() {
    s3.createBucket(r -> r.bucket("guarded"));
    s3.putObject(r -> r.bucket("guarded").key("secret"), RequestBody.fromString("x"));
    AwsBasicCredentials reader =
        user("Reader", policy("Allow", "s3:GetObject", "arn:aws:s3:::guarded/*"));
    try (S3Client asReader = S3Fixture.s3(server.endpoint(), reader)) {
      assertThat(asReader.getObjectAsBytes(r -> r.bucket("guarded").key("secret")).asUtf8String())
          .isEqualTo("x");
      s3.putBucketPolicy(
          r ->
              r.bucket("guarded")
                  .policy(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                          + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/Reader\"},"
                          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::guarded/*\"}]}"));
      assertThat(s3.getBucketPolicy(r -> r.bucket("guarded")).policy()).contains("Deny");
      var denied =
          S3Fixture.error(() -> asReader.getObject(r -> r.bucket("guarded").key("secret")));
      assertThat(denied.statusCode()).isEqualTo(403);
      s3.deleteBucketPolicy(r -> r.bucket("guarded"));
      assertThat(asReader.getObjectAsBytes(r -> r.bucket("guarded").key("secret")).asUtf8String())
          .isEqualTo("x");
    }
  }

  @Test
  void anonymousOnlyThroughAPublicBucketPolicy() throws Exception {
    s3.createBucket(r -> r.bucket("public-site"));
    s3.putObject(
        r -> r.bucket("public-site").key("index.html"), RequestBody.fromString("<p>hi</p>"));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get =
        HttpRequest.newBuilder(server.endpoint().resolve("/public-site/index.html")).build();
    HttpResponse<String> denied = http.send(get, HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("<Code>AccessDenied</Code>");
    assertThat(denied.headers().firstValue("x-amz-request-id")).isPresent();

    String publicRead =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::public-site/*\"}]}";
    // Block Public Access is on for a new bucket: the public policy is refused until it is lifted.
    assertThat(
            S3Fixture.error(
                    () -> s3.putBucketPolicy(r -> r.bucket("public-site").policy(publicRead)))
                .statusCode())
        .isEqualTo(403);
    s3.deletePublicAccessBlock(r -> r.bucket("public-site"));
    s3.putBucketPolicy(r -> r.bucket("public-site").policy(publicRead));
    assertThat(s3.getBucketPolicyStatus(r -> r.bucket("public-site")).policyStatus().isPublic())
        .isTrue();
    HttpResponse<String> allowed = http.send(get, HttpResponse.BodyHandlers.ofString());
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).isEqualTo("<p>hi</p>");
    // Anonymous listing is still refused: the policy grants GetObject only.
    HttpResponse<String> list =
        http.send(
            HttpRequest.newBuilder(server.endpoint().resolve("/public-site")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(403);
  }

  @Test
  void listingCarriesPrefixAndCopyNeedsBothSides() {
    s3.createBucket(r -> r.bucket("homes"));
    s3.putObject(r -> r.bucket("homes").key("home/ann/a.txt"), RequestBody.fromString("a"));
    s3.putObject(r -> r.bucket("homes").key("other/b.txt"), RequestBody.fromString("b"));
    String prefixOnly =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::homes\","
            + "\"Condition\":{\"StringLike\":{\"s3:prefix\":\"home/ann/*\"}}}]}";
    AwsBasicCredentials ann =
        user(
            "Ann",
            prefixOnly,
            policy("Allow", "s3:PutObject", "arn:aws:s3:::homes/home/ann/*"),
            policy("Allow", "s3:GetObject", "arn:aws:s3:::homes/home/ann/*"));
    try (S3Client asAnn = S3Fixture.s3(server.endpoint(), ann)) {
      assertThat(asAnn.listObjectsV2(r -> r.bucket("homes").prefix("home/ann/")).contents())
          .extracting(S3Object::key)
          .containsExactly("home/ann/a.txt");
      assertThat(S3Fixture.error(() -> asAnn.listObjectsV2(r -> r.bucket("homes"))).statusCode())
          .isEqualTo(403);
      // CopyObject: s3:GetObject on the source and s3:PutObject on the target.
      asAnn.copyObject(
          r ->
              r.sourceBucket("homes")
                  .sourceKey("home/ann/a.txt")
                  .destinationBucket("homes")
                  .destinationKey("home/ann/copy.txt"));
      assertThat(
              S3Fixture.error(
                      () ->
                          asAnn.copyObject(
                              r ->
                                  r.sourceBucket("homes")
                                      .sourceKey("other/b.txt")
                                      .destinationBucket("homes")
                                      .destinationKey("home/ann/stolen.txt")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
      assertThat(
              S3Fixture.error(
                      () ->
                          asAnn.copyObject(
                              r ->
                                  r.sourceBucket("homes")
                                      .sourceKey("home/ann/a.txt")
                                      .destinationBucket("homes")
                                      .destinationKey("other/planted.txt")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
    }
    assertThat(s3.listObjectsV2(r -> r.bucket("homes")).contents())
        .extracting(S3Object::key)
        .containsExactly("home/ann/a.txt", "home/ann/copy.txt", "other/b.txt");
  }

  @Test
  void everyRequestLeavesADataEventRecord() throws Exception {
    s3.createBucket(r -> r.bucket("audited"));
    s3.putObject(r -> r.bucket("audited").key("a/b.txt"), RequestBody.fromString("b"));
    List<String> lines = server.auditLines();
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"eventSource\":\"s3.amazonaws.com\"")
                    .contains("\"eventName\":\"PutObject\"")
                    .contains("\"eventCategory\":\"Data\"")
                    .contains("\"readOnly\":false")
                    .contains("\"ARN\":\"arn:aws:s3:::audited/a/b.txt\"")
                    .contains("\"ARN\":\"arn:aws:s3:::audited\""));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"eventName\":\"CreateBucket\"")
                    .contains("\"eventCategory\":\"Management\""));
  }

  @Test
  void readsAreRecordedReadOnlyAsCloudTrailDoes() throws Exception {
    s3.createBucket(r -> r.bucket("reads"));
    s3.putObject(r -> r.bucket("reads").key("k"), RequestBody.fromString("v"));
    s3.getObjectAsBytes(r -> r.bucket("reads").key("k"));
    s3.headObject(r -> r.bucket("reads").key("k"));
    s3.listObjectsV2(r -> r.bucket("reads"));
    List<String> lines = server.auditLines();
    for (String read : List.of("GetObject", "HeadObject", "ListObjectsV2")) {
      assertThat(lines)
          .as(read)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("\"eventName\":\"" + read + "\"")
                      .contains("\"readOnly\":true"));
    }
    assertThat(lines)
        .filteredOn(l -> l.contains("\"eventName\":\"PutObject\""))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("\"readOnly\":false"));
  }
}
