package dev.gatehouse.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The S3 error table and the bucket naming rules, against their case files. */
class S3TablesTest {
  static Stream<Arguments> errors() {
    return CaseFiles.rows("errors.tsv").stream()
        .map(r -> Arguments.of(r[0], Integer.parseInt(r[1])));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("errors")
  void errorCodesHaveS3sStatus(String code, int status) {
    S3Error e = S3Error.byCode(code).orElseThrow();
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.defaultMessage()).isNotBlank();
    S3Exception x = e.exception();
    assertThat(x.error()).isEqualTo(e);
    assertThat(x.getMessage()).isEqualTo(e.defaultMessage());
    assertThat(e.exception("where and what").getMessage()).isEqualTo("where and what");
  }

  @Test
  void everyErrorIsInTheCaseFileOnceAndUnknownCodesAreNot() {
    Set<String> listed = new HashSet<>();
    CaseFiles.rows("errors.tsv").forEach(r -> assertThat(listed.add(r[0])).as(r[0]).isTrue());
    Set<String> codes = new HashSet<>();
    for (S3Error e : S3Error.values()) {
      assertThat(codes.add(e.code())).as(e.code()).isTrue();
    }
    assertThat(listed).isSubsetOf(codes);
    assertThat(S3Error.byCode("NoSuchEntity")).isEmpty();
  }

  static Stream<Arguments> names() {
    return CaseFiles.rows("bucket-names.tsv").stream()
        .map(r -> Arguments.of(r[0], r[1].equals("valid"), r[2]));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("names")
  void bucketNamingRules(String name, boolean valid, String why) {
    assertThat(BucketNames.violation(name).isEmpty()).as(why).isEqualTo(valid);
    if (valid) {
      BucketNames.check(name);
    } else {
      assertThatThrownBy(() -> BucketNames.check(name))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.error()).isEqualTo(S3Error.INVALID_BUCKET_NAME);
                assertThat(e.getMessage()).isEqualTo("The specified bucket is not valid.");
              });
    }
  }

  @Test
  void canonicalIdsAreStable64HexPerAccount() {
    String a = CanonicalIds.of("111122223333");
    assertThat(a).matches("[0-9a-f]{64}").isEqualTo(CanonicalIds.of("111122223333"));
    assertThat(CanonicalIds.of("444455556666")).isNotEqualTo(a);
    assertThat(
            Bucket.created("b", "111122223333", "us-east-1", java.time.Instant.EPOCH, "l")
                .ownerCanonicalId())
        .isEqualTo(a);
  }

  @Test
  void publicAccessBlockDefaults() {
    Bucket b = Bucket.created("b", "111122223333", "us-east-1", java.time.Instant.EPOCH, "l");
    assertThat(b.publicAccessBlock()).contains(PublicAccessBlock.ALL_ON);
    assertThat(b.withPublicAccessBlock(java.util.Optional.empty()).effectivePublicAccessBlock())
        .isEqualTo(PublicAccessBlock.ALL_OFF);
    assertThat(b.arn()).isEqualTo("arn:aws:s3:::b");
    assertThat(
            List.of(
                PublicAccessBlock.ALL_ON.blockPublicAcls(),
                PublicAccessBlock.ALL_ON.ignorePublicAcls()))
        .containsOnly(true);
  }
}
