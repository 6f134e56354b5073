package dev.gatehouse.sigv4;

import static dev.gatehouse.sigv4.Fixtures.CREDENTIALS;
import static dev.gatehouse.sigv4.Fixtures.SIGNER;
import static dev.gatehouse.sigv4.Fixtures.TIME;
import static dev.gatehouse.sigv4.Fixtures.authorization;
import static dev.gatehouse.sigv4.Fixtures.refusal;
import static dev.gatehouse.sigv4.Fixtures.replaceHeader;
import static dev.gatehouse.sigv4.Fixtures.signed;
import static dev.gatehouse.sigv4.Fixtures.stsPost;
import static dev.gatehouse.sigv4.Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed or missing authentication information, refused by {@link SigV4#parse}. */
class ParserRefusalTest {

  private static SignedRequest withAuthorization(String value) {
    return replaceHeader(signed(stsPost()), "Authorization", value);
  }

  private static SigV4Exception parseRefusal(SignedRequest request) {
    return refusal(() -> SigV4.parse(request));
  }

  @Test
  void noAuthenticationAtAll() {
    SigV4Exception e = parseRefusal(stsPost());
    assertThat(e.error()).isEqualTo(SigV4Error.MISSING_AUTHENTICATION_TOKEN);
    assertThat(e.error().httpStatus()).isEqualTo(403);
    assertThat(e.getMessage()).isEqualTo("Request is missing Authentication Token");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=abc"
            + "|Authorization header requires 'Credential' parameter.",
        "AWS4-HMAC-SHA256 Credential=AKID/20260115/us-east-1/sts/aws4_request, SignedHeaders=host"
            + "|Authorization header requires 'Signature' parameter.",
        "AWS4-HMAC-SHA256 Credential=AKID/20260115/us-east-1/sts/aws4_request, Signature=abc"
            + "|Authorization header requires 'SignedHeaders' parameter.",
      })
  void missingPart(String header, String message) {
    SigV4Exception e = parseRefusal(withAuthorization(header));
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.error().httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void everythingMissingIsListedTogether() {
    SignedRequest request =
        Fixtures.removeHeader(withAuthorization("AWS4-HMAC-SHA256 "), "X-Amz-Date");
    assertThat(parseRefusal(request).getMessage())
        .isEqualTo(
            "Authorization header requires 'Credential' parameter. Authorization header requires"
                + " 'Signature' parameter. Authorization header requires 'SignedHeaders'"
                + " parameter. Authorization header requires existence of either a 'X-Amz-Date'"
                + " or a 'Date' header.");
  }

  @Test
  void missingDate() {
    SignedRequest request = Fixtures.removeHeader(signed(stsPost()), "X-Amz-Date");
    SigV4Exception e = parseRefusal(request);
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage())
        .isEqualTo(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'"
                + " header.");
  }

  @Test
  void pairWithoutEqualSign() {
    String header =
        "AWS4-HMAC-SHA256 Credential=AKID/20260115/us-east-1/sts/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature";
    assertThat(parseRefusal(withAuthorization(header)).getMessage())
        .isEqualTo(
            "'Signature' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                + header
                + "'.");
  }

  @Test
  void credentialOfTheWrongShape() {
    String header =
        "AWS4-HMAC-SHA256 Credential=AKID/20260115/us-east-1/sts, SignedHeaders=host;x-amz-date,"
            + " Signature=abc";
    assertThat(parseRefusal(withAuthorization(header)).getMessage())
        .isEqualTo(
            "Credential must have exactly 5 slash-delimited elements, e.g."
                + " keyid/date/region/service/term, got 'AKID/20260115/us-east-1/sts'");
  }

  @Test
  void unsupportedAlgorithm() {
    SigV4Exception e = parseRefusal(withAuthorization("Bearer abc"));
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage()).isEqualTo("Unsupported AWS 'algorithm': 'Bearer'");
  }

  @Test
  void malformedAmzDate() {
    SignedRequest request = replaceHeader(signed(stsPost()), "X-Amz-Date", "2026-01-15T10:00:00Z");
    assertThat(parseRefusal(request).getMessage())
        .isEqualTo(
            "Date must be in ISO-8601 'basic format'. Got '2026-01-15T10:00:00Z'. See"
                + " http://en.wikipedia.org/wiki/ISO_8601");
    SignedRequest impossible = replaceHeader(signed(stsPost()), "X-Amz-Date", "20260230T100000Z");
    assertThat(parseRefusal(impossible).code()).isEqualTo("IncompleteSignature");
  }

  @Test
  void malformedDateHeaderFallback() {
    SignedRequest request =
        Fixtures.removeHeader(signed(stsPost()), "X-Amz-Date").withHeader("Date", "yesterday");
    assertThat(parseRefusal(request).getMessage())
        .isEqualTo(
            "Date header must be an RFC 1123 date when X-Amz-Date is absent. Got 'yesterday'.");
  }

  @Test
  void twoAuthorizationHeaders() {
    SignedRequest good = signed(stsPost());
    SignedRequest request = good.withHeader("Authorization", authorization(good));
    assertThat(parseRefusal(request).getMessage())
        .isEqualTo("Only one Authorization header is allowed.");
  }

  @ParameterizedTest
  @CsvSource({"X-Amz-Date, 20260115T100000Z", "X-Amz-Security-Token, t", "x-amz-content-sha256, 0"})
  void securityHeadersAppearOnlyOnce(String name, String value) {
    SignedRequest request = signed(stsPost()).withHeader(name, value).withHeader(name, value);
    SigV4Exception e = parseRefusal(request);
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage())
        .isEqualToIgnoringCase("Header '" + name + "' must appear only once.");
  }

  @Test
  void headerAndQueryAuthenticationAtOnce() {
    SignedRequest presigned =
        SIGNER
            .presign(
                Fixtures.iamGet(),
                CREDENTIALS,
                "us-east-1",
                "iam",
                TIME,
                Duration.ofMinutes(5),
                SignerOptions.DEFAULT)
            .request();
    SignedRequest both = presigned.withHeader("Authorization", authorization(signed(stsPost())));
    SigV4Exception e = parseRefusal(both);
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage())
        .isEqualTo(
            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature"
                + " query string parameter or the Authorization header should be specified");
  }

  @Test
  void parsedAuthorizationCarriesWhatTheServerNeeds() {
    SignedRequest request =
        SIGNER
            .signHeaders(
                stsPost(),
                SigningCredentials.temporary("ASIAEXAMPLE", Fixtures.SECRET, "token-of-asia"),
                "us-east-1",
                "sts",
                TIME,
                SignerOptions.DEFAULT)
            .request();
    ParsedAuthorization auth = SigV4.parse(request);
    assertThat(auth.accessKeyId()).isEqualTo("ASIAEXAMPLE");
    assertThat(auth.scope()).isEqualTo(CredentialScope.of("20260115", "us-east-1", "sts"));
    assertThat(auth.scope().value()).isEqualTo("20260115/us-east-1/sts/aws4_request");
    assertThat(auth.signedHeaders())
        .containsExactly("content-type", "host", "x-amz-date", "x-amz-security-token");
    assertThat(auth.requestTime()).isEqualTo(TIME);
    assertThat(auth.hasSessionToken()).isTrue();
    assertThat(auth.sessionToken()).isEqualTo("token-of-asia");
    assertThat(auth.sessionTokenSigned()).isTrue();
    assertThat(auth.presigned()).isFalse();
    assertThat(auth.mode()).isEqualTo(new AuthorizationMode.InHeader());
    assertThat(auth.toString()).doesNotContain("token-of-asia").contains("sessionToken=****");
    assertThat(SigV4.parse(signed(stsPost())).toString()).contains("sessionToken=none");
    assertThatCode(() -> verify(signed(stsPost()), TIME)).doesNotThrowAnyException();
  }
}
