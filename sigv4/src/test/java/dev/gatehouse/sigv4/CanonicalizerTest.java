package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonicalisation rules beyond what the vectors exercise. */
class CanonicalizerTest {

  @ParameterizedTest
  @CsvSource({
    "'', /",
    "/, /",
    "/a/./b/../c, /a/c",
    "/.., /",
    "/a/b/.., /a/",
    "/a/b/., /a/b/",
    "//a//b//, /a/b/",
    "/a%20b/c%3Dd, /a%2520b/c%253Dd",
    "/a b, /a%20b",
    "/~user/x_y-z.txt, /~user/x_y-z.txt",
    "/a+b*, /a%2Bb%2A",
    "/%2e%2e/x, /%252e%252e/x",
  })
  void normalizedUri(String raw, String expected) {
    assertThat(Canonicalizer.canonicalUri(raw, PathStyle.NORMALIZED)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"'', /", "//a/../b/, //a/../b/", "/a%20b, /a%2520b"})
  void uriAsReceived(String raw, String expected) {
    assertThat(Canonicalizer.canonicalUri(raw, PathStyle.AS_RECEIVED)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|''",
        "a=1&&b=2&|a=1&b=2",
        "k=a+b|k=a%2Bb",
        "k=%7e%7E|k=~~",
        "bad=%zz&tail=%4|bad=%25zz&tail=%254",
        "%41=1|A=1",
        "b=&a=1&c|a=1&b=&c=",
        "Z=1&a=b&z=10&z=2|Z=1&a=b&z=10&z=2",
        "x=1&X-Amz-Signature=abc|x=1",
        "k=a=b|k=a%3Db",
        "k=%E1%88%B4&j=\u1234|j=%E1%88%B4&k=%E1%88%B4",
        "k=/?#|k=%2F%3F%23",
      })
  void canonicalQuery(String raw, String expected) {
    assertThat(Canonicalizer.canonicalQuery(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'  a\t\tb   c  '|a b c",
        "''|''",
        "'value1\n  value2\n     value3'|value1 value2 value3",
        "'\"a   b\"'|\"a b\"",
        // already canonical: returned as it is
        "'a b c'|a b c",
        "application/x-www-form-urlencoded; charset=utf-8|application/x-www-form-urlencoded;"
            + " charset=utf-8",
        // each way a value can fall short of canonical on its own
        "' a'|a",
        "'a '|a",
        "'a  b'|a b",
        "'a\tb'|a b",
        "'a\rb'|a b",
        "'a\nb'|a b",
        "' '|''"
      })
  void headerValue(String raw, String expected) {
    assertThat(Canonicalizer.canonicalHeaderValue(raw)).isEqualTo(expected);
  }

  @Test
  void repeatedHeadersJoinInArrivalOrderAndNamesMatchAnyCase() {
    SignedRequest request =
        SignedRequest.of(
            "GET",
            "/",
            "",
            List.of(
                new Header("Host", "h"),
                new Header("X-B", " 2 "),
                new Header("x-b", "1"),
                new Header("X-A", "z")),
            new byte[0]);
    assertThat(Canonicalizer.canonicalHeaders(request, List.of("host", "x-a", "x-b")))
        .isEqualTo("host:h\nx-a:z\nx-b:2,1\n");
  }

  @Test
  void missingSignedHeaderIsIncompleteSignature() {
    SignedRequest request =
        SignedRequest.of("GET", "/", "", List.of(new Header("Host", "h")), new byte[0]);
    assertThatThrownBy(() -> Canonicalizer.canonicalHeaders(request, List.of("accept")))
        .isInstanceOf(SigV4Exception.class)
        .hasMessage(
            "'accept' is named as a SignedHeader, but it does not exist in the HTTP request.");
  }

  @Test
  void emptyBodyHashIsTheWellKnownValue() {
    assertThat(SignatureCalculator.payloadHash(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void knownAnswerForGetVanilla() {
    // spec: AWS facts 1.1 known answer (get-vanilla)
    String creq =
        """
        GET
        /

        host:example.amazonaws.com
        x-amz-date:20150830T123600Z

        host;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""";
    String sts =
        SignatureCalculator.stringToSign(
            "20150830T123600Z", CredentialScope.of("20150830", "us-east-1", "service"), creq);
    assertThat(sts).endsWith("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    byte[] key =
        SignatureCalculator.signingKey(
            new SecretAccessKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            "20150830",
            "us-east-1",
            "service");
    assertThat(SignatureCalculator.signature(key, sts))
        .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }
}
