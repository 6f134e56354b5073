package dev.gatehouse.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.policy.ServiceReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operation mapping against the Service Authorization Reference the policy engine bundles, and
 * the checks it builds from requests.
 */
class S3OperationsTest {
  static final S3Operations OPS = S3Operations.standard();
  static final SignatureFacts SIG = SignatureFacts.header(1500, Optional.of("1.2"));

  /** The operations the task names, each with its action(s). */
  static final Map<String, List<String>> REQUIRED =
      Map.ofEntries(
          Map.entry("ListBuckets", List.of("s3:ListAllMyBuckets")),
          Map.entry("HeadBucket", List.of("s3:ListBucket")),
          Map.entry("HeadObject", List.of("s3:GetObject")),
          Map.entry("DeleteObjects", List.of("s3:DeleteObject")),
          Map.entry("CopyObject", List.of("s3:GetObject", "s3:PutObject")),
          Map.entry("UploadPartCopy", List.of("s3:GetObject", "s3:PutObject")),
          Map.entry("ListObjectsV2", List.of("s3:ListBucket")),
          Map.entry("ListObjects", List.of("s3:ListBucket")),
          Map.entry("CreateMultipartUpload", List.of("s3:PutObject")),
          Map.entry("UploadPart", List.of("s3:PutObject")),
          Map.entry("CompleteMultipartUpload", List.of("s3:PutObject")),
          Map.entry("AbortMultipartUpload", List.of("s3:AbortMultipartUpload")),
          Map.entry("ListParts", List.of("s3:ListMultipartUploadParts")),
          Map.entry("ListMultipartUploads", List.of("s3:ListBucketMultipartUploads")),
          Map.entry("DeletePublicAccessBlock", List.of("s3:PutBucketPublicAccessBlock")),
          Map.entry("DeleteBucketTagging", List.of("s3:PutBucketTagging")),
          Map.entry("GetBucketEncryption", List.of("s3:GetEncryptionConfiguration")),
          Map.entry("GetObjectLockConfiguration", List.of("s3:GetBucketObjectLockConfiguration")),
          Map.entry("GetBucketAccelerateConfiguration", List.of("s3:GetAccelerateConfiguration")));

  static Stream<Arguments> rows() {
    List<Arguments> out = new ArrayList<>();
    for (String op : OPS.operations()) {
      for (S3Operations.Rule r : OPS.rules(op)) {
        out.add(Arguments.of(op + " " + r.action() + " " + r.resource().text(), r));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyRowAgreesWithTheServiceAuthorizationReference(String name, S3Operations.Rule rule) {
    ServiceReference.Action action =
        ServiceReference.get().action(rule.action()).orElseThrow(() -> new AssertionError(name));
    Set<String> types = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (String k : action.conditionKeys()) {
      keys.add(normal(k));
    }
    for (ServiceReference.ActionResource r : action.resourceTypes()) {
      types.add(r.name());
      r.conditionKeys().forEach(k -> keys.add(normal(k)));
    }
    switch (rule.resource()) {
      case ANY -> assertThat(types).as(name).isEmpty();
      case BUCKET -> assertThat(types).as(name).contains("bucket");
      case OBJECT, SOURCE, OBJECTS -> assertThat(types).as(name).contains("object");
    }
    for (String key : rule.keys()) {
      assertThat(keys).as(name + " key " + key).contains(key);
    }
    // What the reference lists and Gatehouse can source, the row lists (s3:ResourceAccount is
    // the authorizer's).
    for (String key : keys) {
      if (key.startsWith("s3:x-amz-") || key.equals("s3:authType") || key.equals("s3:TlsVersion")) {
        assertThat(rule.keys()).as(name + " omits " + key).contains(key);
      }
    }
  }

  private static String normal(String key) {
    return key.replace("<key>", "*").replace("${TagKey}", "*");
  }

  @Test
  void everyOperationTheTaskNamesIsMappedToItsActions() {
    for (Map.Entry<String, List<String>> e : REQUIRED.entrySet()) {
      assertThat(OPS.rules(e.getKey()))
          .as(e.getKey())
          .extracting(S3Operations.Rule::action)
          .containsExactlyElementsOf(e.getValue());
    }
    assertThat(OPS.operations())
        .contains(
            "CreateBucket",
            "DeleteBucket",
            "GetBucketLocation",
            "PutObject",
            "GetObject",
            "DeleteObject",
            "PutBucketPolicy",
            "GetBucketPolicy",
            "DeleteBucketPolicy",
            "GetBucketPolicyStatus",
            "PutPublicAccessBlock",
            "GetPublicAccessBlock",
            "PutBucketTagging",
            "GetBucketTagging",
            "PutObjectTagging",
            "GetObjectTagging",
            "DeleteObjectTagging",
            "GetBucketVersioning",
            "GetBucketAcl",
            "GetBucketCors",
            "GetBucketLifecycleConfiguration",
            "GetBucketWebsite",
            "GetBucketLogging",
            "GetBucketReplication",
            "GetBucketRequestPayment",
            "GetBucketOwnershipControls");
  }

  @Test
  void anUnmappedOperationIsRefusedNeverAllowed() {
    assertThat(OPS.rules("PutBucketLifecycleConfiguration")).isEmpty();
    assertThatThrownBy(
            () ->
                OPS.checks(
                    S3Request.builder("PutBucketLifecycleConfiguration", SIG).bucket("b").build()))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.NOT_IMPLEMENTED));
    assertThat(
            new S3Authorizer(
                    new dev.gatehouse.core.authz.ResourcePolicyAuthorizer(a -> null),
                    b -> Optional.empty())
                .decideAll(
                    new S3Caller.Anonymous(),
                    List.of(),
                    b -> Optional.empty(),
                    new S3Authorizer.Environment("192.0.2.1", true, java.time.Instant.EPOCH))
                .allowed())
        .isFalse();
  }

  @Test
  void listingCarriesPrefixDelimiterAndMaxKeysAndTheAuthenticationKeys() {
    S3Request r =
        S3Request.builder("ListObjectsV2", SIG)
            .bucket("b")
            .query("prefix", "home/alice/")
            .query("delimiter", "/")
            .query("max-keys", "10")
            .query("continuation-token", "x")
            .header("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
            .build();
    List<S3Check> checks = OPS.checks(r);
    assertThat(checks).hasSize(1);
    S3Check c = checks.get(0);
    assertThat(c.action()).isEqualTo("s3:ListBucket");
    assertThat(c.resourceArn()).isEqualTo("arn:aws:s3:::b");
    assertThat(c.bucket()).isEqualTo("b");
    assertThat(c.requestKeys())
        .containsEntry("s3:prefix", List.of("home/alice/"))
        .containsEntry("s3:delimiter", List.of("/"))
        .containsEntry("s3:max-keys", List.of("10"))
        .containsEntry("s3:authType", List.of("REST-HEADER"))
        .containsEntry("s3:signatureversion", List.of("AWS4-HMAC-SHA256"))
        .containsEntry("s3:signatureAge", List.of("1500"))
        .containsEntry("s3:TlsVersion", List.of("1.2"))
        .containsEntry("s3:x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"))
        .hasSize(8);
  }

  @Test
  void putObjectCarriesItsHeadersAndRequestTags() {
    S3Request r =
        S3Request.builder("PutObject", SignatureFacts.queryString(5, Optional.empty()))
            .bucket("b")
            .key("dir/file.txt")
            .header("x-amz-acl", "private")
            .header("x-amz-server-side-encryption", "aws:kms")
            .header("x-amz-storage-class", "STANDARD")
            .header("x-amz-meta-colour", "blue")
            .requestTags(Map.of("project", "apollo"))
            .build();
    S3Check c = OPS.checks(r).get(0);
    assertThat(c.action()).isEqualTo("s3:PutObject");
    assertThat(c.resourceArn()).isEqualTo("arn:aws:s3:::b/dir/file.txt");
    assertThat(c.requestKeys())
        .containsEntry("s3:x-amz-acl", List.of("private"))
        .containsEntry("s3:x-amz-server-side-encryption", List.of("aws:kms"))
        .containsEntry("s3:x-amz-storage-class", List.of("STANDARD"))
        .containsEntry("s3:RequestObjectTag/project", List.of("apollo"))
        .containsEntry("s3:RequestObjectTagKeys", List.of("project"))
        .containsEntry("s3:authType", List.of("REST-QUERY-STRING"))
        .doesNotContainKey("s3:x-amz-meta-colour")
        .doesNotContainKey("s3:TlsVersion");
  }

  @Test
  void copyChecksTheSourceWithItsTagsThenTheTarget() {
    S3Request r =
        S3Request.builder("CopyObject", SIG)
            .bucket("dst")
            .key("k2")
            .header("x-amz-copy-source", "/src/k1")
            .header("x-amz-metadata-directive", "REPLACE")
            .copySource(new ObjectRef("src", "k1"), Map.of("class", "open"))
            .existingObjectTags(Map.of("target", "tag"))
            .build();
    List<S3Check> checks = OPS.checks(r);
    assertThat(checks).extracting(S3Check::action).containsExactly("s3:GetObject", "s3:PutObject");
    S3Check source = checks.get(0);
    assertThat(source.resourceArn()).isEqualTo("arn:aws:s3:::src/k1");
    assertThat(source.bucket()).isEqualTo("src");
    assertThat(source.requestKeys())
        .containsEntry("s3:ExistingObjectTag/class", List.of("open"))
        .doesNotContainKey("s3:ExistingObjectTag/target")
        .doesNotContainKey("s3:x-amz-copy-source");
    S3Check target = checks.get(1);
    assertThat(target.resourceArn()).isEqualTo("arn:aws:s3:::dst/k2");
    assertThat(target.bucket()).isEqualTo("dst");
    assertThat(target.requestKeys())
        .containsEntry("s3:x-amz-copy-source", List.of("/src/k1"))
        .containsEntry("s3:x-amz-metadata-directive", List.of("REPLACE"));
  }

  @Test
  void deleteObjectsChecksEveryKey() {
    S3Request r =
        S3Request.builder("DeleteObjects", SIG).bucket("b").objectKeys(List.of("a", "b/c")).build();
    assertThat(OPS.checks(r))
        .extracting(S3Check::resourceArn)
        .containsExactly("arn:aws:s3:::b/a", "arn:aws:s3:::b/b/c");
    assertThatThrownBy(
            () -> OPS.checks(S3Request.builder("DeleteObjects", SIG).bucket("b").build()))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
  }

  @Test
  void createBucketAndTaggingCarryTheirKeys() {
    S3Check create =
        OPS.checks(
                S3Request.builder("CreateBucket", SignatureFacts.anonymous(Optional.empty()))
                    .bucket("new")
                    .locationConstraint("eu-west-1")
                    .header("x-amz-object-ownership", "BucketOwnerEnforced")
                    .requestTags(Map.of("team", "a"))
                    .build())
            .get(0);
    assertThat(create.requestKeys())
        .containsEntry("s3:locationconstraint", List.of("eu-west-1"))
        .containsEntry("s3:x-amz-object-ownership", List.of("BucketOwnerEnforced"))
        .containsEntry("aws:RequestTag/team", List.of("a"))
        .containsEntry("aws:TagKeys", List.of("team"))
        .doesNotContainKey("s3:authType")
        .doesNotContainKey("s3:signatureAge");
    S3Check tagging =
        OPS.checks(
                S3Request.builder("PutObjectTagging", SIG)
                    .bucket("b")
                    .key("k")
                    .existingObjectTags(Map.of("old", "1"))
                    .requestTags(Map.of("new", "2"))
                    .build())
            .get(0);
    assertThat(tagging.requestKeys())
        .containsEntry("s3:ExistingObjectTag/old", List.of("1"))
        .containsEntry("s3:RequestObjectTag/new", List.of("2"))
        .containsEntry("s3:RequestObjectTagKeys", List.of("new"));
    S3Check list = OPS.checks(S3Request.builder("ListBuckets", SIG).build()).get(0);
    assertThat(list.resourceArn()).isEqualTo("*");
    assertThat(list.bucket()).isEmpty();
  }

  @Test
  void requestsMissingWhatTheirOperationNamesAreRefused() {
    assertThatThrownBy(() -> OPS.checks(S3Request.builder("GetObject", SIG).bucket("b").build()))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
    assertThatThrownBy(() -> OPS.checks(S3Request.builder("GetBucketAcl", SIG).build()))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
    assertThatThrownBy(
            () -> OPS.checks(S3Request.builder("CopyObject", SIG).bucket("b").key("k").build()))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("sourcebucket/sourcekey");
            });
  }

  @Test
  void malformedMappingFilesAreRefusedAtLoad() {
    assertThatThrownBy(() -> S3Operations.parse(List.of("Op\ts3:X\tbucket")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Operations.parse(List.of("Op\tiam:X\tbucket\t-")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Operations.parse(List.of("Op\ts3:X\tthing\t-")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Operations.parse(List.of("Op\ts3:X\tbucket\ts3:versionid")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3:versionid");
    assertThat(S3Operations.parse(List.of("# c", "", "Op\ts3:X\t*\t-")).operations())
        .containsExactly("Op");
  }

  /**
   * CloudTrail marks S3's Get, Head and List calls read-only and every other call not; the access
   * levels of the mapped actions must say the same for every operation served.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("served")
  void readOnlyIsWhatCloudTrailSaysForTheOperation(String operation) {
    assertThat(OPS.readOnly(operation))
        .as(operation)
        .isEqualTo(operation.matches("(Get|Head|List).*"));
  }

  static Stream<String> served() {
    return OPS.operations().stream();
  }

  @Test
  void anOperationNotServedIsNeverReadOnly() {
    assertThat(OPS.readOnly("SelectObjectContent")).isFalse();
    assertThat(OPS.readOnly("GetNothing")).isFalse();
  }

  /**
   * The object's tags are read before authorization only for the operations whose own checks carry
   * {@code s3:ExistingObjectTag/...}; a copy source's tags are read on their own.
   */
  @Test
  void existingObjectTagsAreNamedByTheReadsOfAnObjectNotByItsWrites() {
    assertThat(OPS.namesExistingObjectTags("GetObject")).isTrue();
    assertThat(OPS.namesExistingObjectTags("HeadObject")).isTrue();
    assertThat(OPS.namesExistingObjectTags("PutObject")).isFalse();
    assertThat(OPS.namesExistingObjectTags("DeleteObject")).isFalse();
    assertThat(OPS.namesExistingObjectTags("GetNothing")).isFalse();
    S3Operations sourceOnly =
        S3Operations.parse(
            List.of(
                "Copy\ts3:GetObject\tsource\ts3:ExistingObjectTag/*",
                "Copy\ts3:PutObject\tobject\t-",
                "Read\ts3:GetObject\tobject\ts3:ExistingObjectTag/*"));
    assertThat(sourceOnly.namesExistingObjectTags("Copy")).isFalse();
    assertThat(sourceOnly.namesExistingObjectTags("Read")).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("served")
  void existingObjectTagsAreNamedExactlyWhereARowOnTheObjectCarriesThem(String operation) {
    boolean carried =
        OPS.rules(operation).stream()
            .anyMatch(
                r ->
                    r.resource() != S3Operations.ResourceKind.SOURCE
                        && r.keys().stream().anyMatch(k -> k.startsWith("s3:ExistingObjectTag/")));
    assertThat(OPS.namesExistingObjectTags(operation)).as(operation).isEqualTo(carried);
  }
}
