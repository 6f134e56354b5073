package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Value types: validation, secret-free {@code toString}, the signing-key cache. */
class ValuesTest {
  private static final SecretAccessKey SECRET = new SecretAccessKey("very-secret-value");

  @Test
  void secretsNeverAppearInToString() {
    assertThat(SECRET.toString()).doesNotContain("very-secret-value");
    SigningCredentials temporary =
        SigningCredentials.temporary("ASIAX", "very-secret-value", "the-token");
    assertThat(temporary.toString())
        .doesNotContain("very-secret-value")
        .doesNotContain("the-token")
        .contains("ASIAX");
    assertThat(SigningCredentials.of("AKIAX", "very-secret-value").toString())
        .contains("sessionToken=none")
        .doesNotContain("very-secret-value");
    SigningKeyCache cache = new SigningKeyCache(2);
    cache.signingKey(SECRET, CredentialScope.of("20260115", "us-east-1", "sts"));
    assertThat(cache.toString()).isEqualTo("SigningKeyCache[size=1, maxEntries=2]");
  }

  @Test
  void cacheReturnsTheDerivedKeyAsACopy() {
    SigningKeyCache cache = new SigningKeyCache(4);
    CredentialScope scope = CredentialScope.of("20260115", "us-east-1", "sts");
    byte[] first = cache.signingKey(SECRET, scope);
    assertThat(first)
        .isEqualTo(SignatureCalculator.signingKey(SECRET, "20260115", "us-east-1", "sts"));
    first[0] ^= 1;
    assertThat(cache.signingKey(SECRET, scope))
        .isEqualTo(SignatureCalculator.signingKey(SECRET, "20260115", "us-east-1", "sts"));
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void cacheFindsAKeyByEqualPartsAndMissesOnAnyOtherPart() {
    SigningKeyCache cache = new SigningKeyCache(16);
    List<CredentialScope> scopes =
        List.of(
            CredentialScope.of("20260115", "us-east-1", "sts"),
            CredentialScope.of("20260116", "us-east-1", "sts"),
            CredentialScope.of("20260115", "eu-west-1", "sts"),
            CredentialScope.of("20260115", "us-east-1", "iam"));
    for (CredentialScope scope : scopes) {
      cache.shared(SECRET, scope);
    }
    cache.shared(new SecretAccessKey("other"), scopes.get(0));
    assertThat(cache.size()).isEqualTo(5);
    // Equal parts in other instances find the entries already there.
    SecretAccessKey same = new SecretAccessKey(new String("very-secret-value".toCharArray()));
    for (CredentialScope scope : scopes) {
      byte[] key =
          cache.shared(
              same,
              CredentialScope.of(
                  new String(scope.date().toCharArray()), scope.region(), scope.service()));
      assertThat(key).isSameAs(cache.shared(SECRET, scope));
    }
    assertThat(cache.size()).isEqualTo(5);
  }

  @Test
  void cacheIsBoundedAndKeyedByEveryPart() {
    SigningKeyCache cache = new SigningKeyCache(2);
    byte[] a = cache.signingKey(SECRET, CredentialScope.of("20260115", "us-east-1", "sts"));
    byte[] b = cache.signingKey(SECRET, CredentialScope.of("20260116", "us-east-1", "sts"));
    byte[] c = cache.signingKey(SECRET, CredentialScope.of("20260115", "eu-west-1", "sts"));
    byte[] d = cache.signingKey(SECRET, CredentialScope.of("20260115", "us-east-1", "iam"));
    byte[] e =
        cache.signingKey(
            new SecretAccessKey("other"), CredentialScope.of("20260115", "us-east-1", "sts"));
    assertThat(List.of(a, b, c, d, e)).doesNotHaveDuplicates();
    assertThat(
            Set.of(
                new String(a, StandardCharsets.ISO_8859_1),
                new String(b, StandardCharsets.ISO_8859_1),
                new String(c, StandardCharsets.ISO_8859_1),
                new String(d, StandardCharsets.ISO_8859_1),
                new String(e, StandardCharsets.ISO_8859_1)))
        .hasSize(5);
    assertThat(cache.size()).isEqualTo(2);
    assertThatThrownBy(() -> new SigningKeyCache(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cacheIsSafeUnderConcurrentUse() throws Exception {
    SigningKeyCache cache = new SigningKeyCache(3);
    byte[] expected = SignatureCalculator.signingKey(SECRET, "20260115", "us-east-1", "sts");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String region = "region-" + (i % 5);
        results.add(
            pool.submit(
                () -> cache.signingKey(SECRET, CredentialScope.of("20260115", region, "sts"))));
        results.add(
            pool.submit(
                () ->
                    cache.signingKey(SECRET, CredentialScope.of("20260115", "us-east-1", "sts"))));
      }
      for (int i = 0; i < results.size(); i += 2) {
        assertThat(results.get(i + 1).get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void policyAndRequestValidation() {
    assertThatThrownBy(() -> VerificationPolicy.of(Set.of(), Set.of("sts")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new VerificationPolicy(
                    Set.of("r"),
                    Set.of("s"),
                    Duration.ofMinutes(-1),
                    true,
                    VerificationPolicy.STS_PRESIGNED_LIFETIME))
        .isInstanceOf(IllegalArgumentException.class);
    VerificationPolicy policy = VerificationPolicy.of(Set.of("us-east-1"), Set.of("sts"));
    assertThat(policy.maxClockSkew()).isEqualTo(Duration.ofMinutes(15));
    assertThat(policy.requireSignedSessionToken()).isTrue();
    assertThat(new SigV4Verifier(policy, new SigningKeyCache(1)).policy()).isEqualTo(policy);
    assertThatThrownBy(() -> new SignedRequest("GET", "/", "", List.of(), "ABC"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedRequest("GET", "/", "", List.of(), "E".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Header("X-Amz-Date", "v").is("x-amz-date")).isTrue();
    SigningResult result =
        new SigningResult(SignedRequest.of("GET", "/", "", List.of(), new byte[0]), "c", "s", "g");
    assertThat(result.signature()).isEqualTo("g");
    SigV4Exception e =
        new SigV4Exception(SigV4Error.EXPIRED_TOKEN, SigV4Error.EXPIRED_TOKEN_MESSAGE);
    assertThat(e.code()).isEqualTo("ExpiredToken");
    assertThat(e.getMessage()).isEqualTo("The security token included in the request is expired");
  }
}
