package dev.gatehouse.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BucketsTest {
  static final String A = "111122223333";
  static final String B = "444455556666";
  static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  static final String PUBLIC_READ =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::%s/*\"}]}";
  static final String ACCOUNT_READ =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
          + "\"arn:aws:iam::444455556666:root\"},\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"arn:aws:s3:::%s/*\"}]}";

  /** Object-store storage that counts objects per location. */
  static final class FakeStorage implements BucketStorage {
    final Map<String, Integer> objects = new HashMap<>();
    final List<String> deleted = new ArrayList<>();

    @Override
    public String create(String bucket) {
      String location = "fs:" + bucket + ":" + objects.size();
      objects.put(location, 0);
      return location;
    }

    @Override
    public boolean isEmpty(String location) {
      return objects.get(location) == 0;
    }

    @Override
    public void delete(String location) {
      objects.remove(location);
      deleted.add(location);
    }
  }

  MemoryBucketStore store;
  FakeStorage storage;
  Buckets buckets;

  /** The accounts whose buckets each write reported, in order. */
  final List<String> reported = new ArrayList<>();

  @BeforeEach
  void setUp() {
    store = new MemoryBucketStore();
    storage = new FakeStorage();
    buckets =
        new Buckets(
            store,
            storage,
            new TestClock(),
            Set.of("us-east-1", "eu-west-1", "eu-central-1"),
            3,
            new IamChangeListener() {
              @Override
              public void committed(String accountId) {
                throw new AssertionError("a bucket write reports bucketsChanged");
              }

              @Override
              public void bucketsChanged(String accountId) {
                reported.add(accountId);
              }
            });
  }

  @Test
  void everyWriteIsReportedForTheOwnerAndARefusedOneIsNot() {
    buckets.create(A, "reported", "", "us-east-1");
    buckets.putTags("reported", List.of(new Tag("k", "v")));
    buckets.putPublicAccessBlock("reported", new PublicAccessBlock(false, false, false, false));
    buckets.putPolicy(
        "reported", String.format(ACCOUNT_READ, "reported"), "arn:aws:iam::" + A + ":root");
    assertThat(reported).containsExactly(A, A, A, A);
    reported.clear();
    fails(S3Error.NO_SUCH_BUCKET, null, () -> buckets.putTags("missing", List.of()));
    fails(
        S3Error.BUCKET_ALREADY_EXISTS, null, () -> buckets.create(B, "reported", "", "us-east-1"));
    assertThat(reported).isEmpty();
    buckets.deletePolicy("reported");
    buckets.deletePublicAccessBlock("reported");
    buckets.deleteTags("reported");
    buckets.delete("reported");
    assertThat(reported).containsExactly(A, A, A, A);
  }

  static void fails(S3Error error, String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.error()).isEqualTo(error);
              if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
              }
            });
  }

  @Test
  void createKeepsOwnerRegionLocationAndTurnsEveryPublicAccessSettingOn() {
    Buckets.Created c = buckets.create(A, "photos", "eu-west-1", "eu-west-1");
    assertThat(c.alreadyOwned()).isFalse();
    Bucket b = buckets.get("photos");
    assertThat(b).isEqualTo(c.bucket());
    assertThat(b.ownerAccountId()).isEqualTo(A);
    assertThat(b.region()).isEqualTo("eu-west-1");
    assertThat(b.location()).isEqualTo("fs:photos:0");
    assertThat(b.publicAccessBlock()).contains(PublicAccessBlock.ALL_ON);
    assertThat(buckets.find("photos")).contains(b);
    assertThat(buckets.list(A)).containsExactly(b);
    assertThat(buckets.list(B)).isEmpty();
  }

  @Test
  void invalidNamesAreRefusedBeforeAnythingIsCreated() {
    fails(
        S3Error.INVALID_BUCKET_NAME,
        "The specified bucket is not valid.",
        () -> buckets.create(A, "Bad_Name", "", "us-east-1"));
    assertThat(storage.objects).isEmpty();
  }

  @Test
  void namesAreGlobal() {
    buckets.create(A, "taken", "", "us-east-1");
    fails(
        S3Error.BUCKET_ALREADY_EXISTS,
        S3Error.BUCKET_ALREADY_EXISTS.defaultMessage(),
        () -> buckets.create(B, "taken", "", "us-east-1"));
    Buckets.Created again = buckets.create(A, "taken", "", "us-east-1");
    assertThat(again.alreadyOwned()).as("us-east-1 answers 200 OK").isTrue();
    buckets.create(A, "regional", "eu-west-1", "eu-west-1");
    fails(
        S3Error.BUCKET_ALREADY_OWNED_BY_YOU,
        "Your previous request to create the named bucket succeeded and you already own it.",
        () -> buckets.create(A, "regional", "eu-west-1", "eu-west-1"));
    assertThat(storage.objects).hasSize(2);
  }

  @Test
  void locationConstraintRules() {
    assertThat(buckets.create(A, "plain", "", "us-east-1").bucket().region())
        .isEqualTo("us-east-1");
    fails(
        S3Error.ILLEGAL_LOCATION_CONSTRAINT,
        "The unspecified location constraint is incompatible for the region specific endpoint"
            + " this request was sent to.",
        () -> buckets.create(A, "none-given", "", "eu-west-1"));
    fails(
        S3Error.ILLEGAL_LOCATION_CONSTRAINT,
        "The eu-central-1 location constraint is incompatible for the region specific endpoint"
            + " this request was sent to.",
        () -> buckets.create(A, "other-region", "eu-central-1", "eu-west-1"));
    fails(
        S3Error.INVALID_LOCATION_CONSTRAINT,
        "The specified location-constraint is not valid",
        () -> buckets.create(A, "explicit-east", "us-east-1", "us-east-1"));
    fails(
        S3Error.INVALID_LOCATION_CONSTRAINT,
        null,
        () -> buckets.create(A, "unknown-region", "mars-north-1", "us-east-1"));
    assertThat(buckets.create(A, "legacy-eu", "EU", "eu-west-1").bucket().region())
        .isEqualTo("eu-west-1");
    assertThat(buckets.create(A, "global", "eu-central-1", "us-east-1").bucket().region())
        .isEqualTo("eu-central-1");
  }

  @Test
  void theQuotaIsPerAccount() {
    buckets.create(A, "one", "", "us-east-1");
    buckets.create(A, "two", "", "us-east-1");
    buckets.create(A, "three", "", "us-east-1");
    fails(
        S3Error.TOO_MANY_BUCKETS,
        "You have attempted to create more buckets than allowed",
        () -> buckets.create(A, "four", "", "us-east-1"));
    assertThat(buckets.find("four")).isEmpty();
    buckets.create(B, "four", "", "us-east-1");
    assertThat(Buckets.DEFAULT_QUOTA).isEqualTo(10_000);
  }

  @Test
  void aLostRaceGivesTheStorageBack() {
    BucketStore racing =
        new ForwardingBucketStore(store) {
          @Override
          public InsertResult insert(Bucket bucket, int maxPerOwner) {
            // Another node created it between the check and the insert.
            store.insert(Bucket.created(bucket.name(), B, "us-east-1", bucket.createdAt(), "x"), 9);
            return store.insert(bucket, maxPerOwner);
          }
        };
    Buckets raced =
        new Buckets(
            racing, storage, new TestClock(), Set.of("us-east-1"), 3, IamChangeListener.none());
    fails(S3Error.BUCKET_ALREADY_EXISTS, null, () -> raced.create(A, "contested", "", "us-east-1"));
    assertThat(storage.objects).isEmpty();
    assertThat(storage.deleted).hasSize(1);
  }

  @Test
  void deleteOnlyWhenEmpty() {
    Bucket b = buckets.create(A, "full", "", "us-east-1").bucket();
    storage.objects.put(b.location(), 2);
    fails(
        S3Error.BUCKET_NOT_EMPTY,
        "The bucket you tried to delete is not empty",
        () -> buckets.delete("full"));
    assertThat(buckets.find("full")).isPresent();
    storage.objects.put(b.location(), 0);
    buckets.delete("full");
    assertThat(buckets.find("full")).isEmpty();
    assertThat(storage.deleted).containsExactly(b.location());
    fails(
        S3Error.NO_SUCH_BUCKET,
        "The specified bucket does not exist",
        () -> buckets.delete("full"));
  }

  @Test
  void policiesAreStoredReadAndDeleted() {
    buckets.create(A, "docs", "", "us-east-1");
    fails(S3Error.NO_SUCH_BUCKET_POLICY, null, () -> buckets.policy("docs"));
    fails(S3Error.NO_SUCH_BUCKET_POLICY, null, () -> buckets.policyIsPublic("docs"));
    String policy = String.format(ACCOUNT_READ, "docs");
    buckets.putPolicy("docs", policy, ALICE);
    assertThat(buckets.policy("docs")).isEqualTo(policy);
    assertThat(buckets.policyIsPublic("docs")).isFalse();
    buckets.deletePolicy("docs");
    fails(
        S3Error.NO_SUCH_BUCKET_POLICY,
        "The bucket policy does not exist",
        () -> buckets.policy("docs"));
    fails(S3Error.NO_SUCH_BUCKET, null, () -> buckets.putPolicy("nope", policy, ALICE));
  }

  @Test
  void blockPublicPolicyRefusesAPublicPolicyWithAwsMessage() {
    buckets.create(A, "site", "", "us-east-1");
    fails(
        S3Error.ACCESS_DENIED,
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform:"
            + " s3:PutBucketPolicy on resource: \"arn:aws:s3:::site\" because public policies are"
            + " blocked by the BlockPublicPolicy block public access setting.",
        () -> buckets.putPolicy("site", String.format(PUBLIC_READ, "site"), ALICE));
    assertThat(buckets.get("site").policy()).isEmpty();
    buckets.putPublicAccessBlock("site", new PublicAccessBlock(true, true, false, true));
    buckets.putPolicy("site", String.format(PUBLIC_READ, "site"), ALICE);
    assertThat(buckets.policyIsPublic("site")).isTrue();
    buckets.deletePublicAccessBlock("site");
    fails(
        S3Error.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION,
        "The public access block configuration was not found",
        () -> buckets.publicAccessBlock("site"));
    buckets.putPublicAccessBlock("site", PublicAccessBlock.ALL_ON);
    assertThat(buckets.publicAccessBlock("site")).isEqualTo(PublicAccessBlock.ALL_ON);
  }

  static Stream<Arguments> malformed() {
    return CaseFiles.rows("malformed-policies.tsv").stream().map(r -> Arguments.of(r[0], r[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedPoliciesAreRefusedWithS3sMessage(String message, String document) {
    buckets.create(A, "bkt", "", "us-east-1");
    buckets.deletePublicAccessBlock("bkt");
    // S3's message, or the engine's, which starts with it and says where.
    assertThatThrownBy(() -> buckets.putPolicy("bkt", document, ALICE))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.error()).isEqualTo(S3Error.MALFORMED_POLICY);
              assertThat(e.getMessage()).startsWith(message);
            });
    assertThat(buckets.get("bkt").policy()).isEmpty();
  }

  @Test
  void policiesWithoutPrincipalOrOverTwentyKilobytesAreMalformed() {
    buckets.create(A, "bkt", "", "us-east-1");
    fails(
        S3Error.MALFORMED_POLICY,
        null,
        () ->
            buckets.putPolicy(
                "bkt",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bkt/*\"}]}",
                ALICE));
    StringBuilder big = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
    while (big.length() < BucketPolicies.MAX_BYTES) {
      big.append(
          "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
              + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bkt/*\"},");
    }
    big.setLength(big.length() - 1);
    big.append("]}");
    fails(
        S3Error.MALFORMED_POLICY,
        "Policy exceeds the maximum allowed document size.",
        () -> buckets.putPolicy("bkt", big.toString(), ALICE));
  }

  static Stream<Arguments> publicness() {
    return CaseFiles.rows("public-policies.tsv").stream()
        .map(r -> Arguments.of(r[0].equals("public"), r[1]));
  }

  @ParameterizedTest(name = "public={0}: {1}")
  @MethodSource("publicness")
  void policyStatusIsPublicAsAwsDefinesIt(boolean isPublic, String statements) {
    String doc = "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    BucketPolicies.validate("b", doc);
    assertThat(
            BucketPolicies.isPublic(
                Policy.parse(doc, PolicyKind.RESOURCE, ValidationMode.EVALUATION)))
        .isEqualTo(isPublic);
  }

  @Test
  void tagsAreValidatedReplacedWholeAndDeleted() {
    buckets.create(A, "tagged", "", "us-east-1");
    fails(S3Error.NO_SUCH_TAG_SET, "The TagSet does not exist", () -> buckets.tags("tagged"));
    buckets.putTags("tagged", List.of(new Tag("team", "blue"), new Tag("cost-centre", "")));
    assertThat(buckets.tags("tagged")).isEqualTo(Map.of("team", "blue", "cost-centre", ""));
    buckets.putTags("tagged", List.of(new Tag("only", "one")));
    assertThat(buckets.tags("tagged")).isEqualTo(Map.of("only", "one"));
    buckets.deleteTags("tagged");
    fails(S3Error.NO_SUCH_TAG_SET, null, () -> buckets.tags("tagged"));
    fails(S3Error.NO_SUCH_BUCKET, null, () -> buckets.putTags("nope", List.of()));
  }

  @Test
  void invalidTagSetsAreRefusedWholeWithS3sMessages() {
    buckets.create(A, "tagged", "", "us-east-1");
    buckets.putTags("tagged", List.of(new Tag("keep", "me")));
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(new Tag("k" + i, "v"));
    }
    buckets.putTags("tagged", fifty);
    List<Tag> many = new ArrayList<>(fifty);
    many.add(new Tag("k50", "v"));
    fails(
        S3Error.INVALID_TAG,
        "Bucket tag count cannot be greater than 50",
        () -> buckets.putTags("tagged", many));
    fails(
        S3Error.INVALID_TAG,
        "Cannot provide multiple Tags with the same key",
        () -> buckets.putTags("tagged", List.of(new Tag("a", "1"), new Tag("a", "2"))));
    fails(
        S3Error.INVALID_TAG,
        "The TagKey you have provided is invalid",
        () -> buckets.putTags("tagged", List.of(new Tag("", "v"))));
    fails(
        S3Error.INVALID_TAG,
        "The TagKey you have provided is invalid",
        () -> buckets.putTags("tagged", List.of(new Tag("k".repeat(129), "v"))));
    fails(
        S3Error.INVALID_TAG,
        "The TagKey you have provided is invalid",
        () -> buckets.putTags("tagged", List.of(new Tag("semi;colon", "v"))));
    fails(
        S3Error.INVALID_TAG,
        "Your TagKey cannot be prefixed with aws:",
        () -> buckets.putTags("tagged", List.of(new Tag("aws:cloudformation", "v"))));
    fails(
        S3Error.INVALID_TAG,
        "The TagValue you have provided is invalid",
        () -> buckets.putTags("tagged", List.of(new Tag("k", "v".repeat(257)))));
    fails(
        S3Error.INVALID_TAG,
        "The TagValue you have provided is invalid",
        () -> buckets.putTags("tagged", List.of(new Tag("k", "<script>"))));
    assertThat(buckets.tags("tagged")).hasSize(50);
    buckets.putTags(
        "tagged",
        List.of(new Tag("k".repeat(128), "v".repeat(256)), new Tag("Ünïcode key", "@/=+")));
    assertThat(buckets.tags("tagged")).hasSize(2);
  }
}
