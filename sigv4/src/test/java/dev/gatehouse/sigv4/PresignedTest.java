package dev.gatehouse.sigv4;

import static dev.gatehouse.sigv4.Fixtures.CREDENTIALS;
import static dev.gatehouse.sigv4.Fixtures.SIGNER;
import static dev.gatehouse.sigv4.Fixtures.TIME;
import static dev.gatehouse.sigv4.Fixtures.refusal;
import static dev.gatehouse.sigv4.Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Presigned (query string) requests: expiry, parameter rules, tampering. */
class PresignedTest {

  private static SignedRequest presigned(Duration expires) {
    return SIGNER
        .presign(
            Fixtures.iamGet(),
            CREDENTIALS,
            "us-east-1",
            "iam",
            TIME,
            expires,
            SignerOptions.DEFAULT)
        .request();
  }

  private static SignedRequest replaceInQuery(SignedRequest request, String from, String to) {
    assertThat(request.rawQuery()).contains(from);
    return request.withRawQuery(request.rawQuery().replace(from, to));
  }

  @Test
  void verifiesAndReportsItsExpiry() {
    SignedRequest request = presigned(Duration.ofSeconds(60));
    ParsedAuthorization auth = SigV4.parse(request);
    assertThat(auth.presigned()).isTrue();
    assertThat(auth.mode()).isEqualTo(new AuthorizationMode.Presigned(Duration.ofSeconds(60)));
    assertThat(auth.signedHeaders()).containsExactly("host");
    assertThat(request.rawQuery())
        .startsWith("Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256&")
        .contains(
            "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260115%2Fus-east-1%2Fiam%2Faws4_request");
    assertThatCode(() -> verify(request, TIME)).doesNotThrowAnyException();
  }

  /** S3's rule: the URL lives as long as its X-Amz-Expires says. */
  private static final SigV4Verifier AS_SIGNED =
      new SigV4Verifier(
          Fixtures.POLICY.withPresignedLifetime(new PresignedLifetime.AsSigned()),
          new SigningKeyCache(4));

  private static void verifyAsSigned(SignedRequest request, java.time.Instant now) {
    AS_SIGNED.verify(SigV4.parse(request), request, new SecretAccessKey(Fixtures.SECRET), now);
  }

  @Test
  void asSignedExpiresOneSecondAfterXAmzExpiresAcceptedAtTheEdge() {
    SignedRequest request = presigned(Duration.ofSeconds(60));
    assertThatCode(() -> verifyAsSigned(request, TIME.plusSeconds(60))).doesNotThrowAnyException();
    SigV4Exception e = refusal(() -> verifyAsSigned(request, TIME.plusSeconds(61)));
    assertThat(e.error()).isEqualTo(SigV4Error.REQUEST_EXPIRED);
    assertThat(e.error().httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("Request has expired");
  }

  @Test
  void asSignedLivesItsWholeExpiryEvenBeyondTheSkewWindow() {
    SignedRequest request = presigned(Duration.ofHours(1));
    assertThatCode(() -> verifyAsSigned(request, TIME.plus(Duration.ofMinutes(59))))
        .doesNotThrowAnyException();
  }

  @Test
  void stsAcceptsAShortExpiryForFifteenMinutes() {
    // Kubernetes authenticators sign GetCallerIdentity for 60 s and present it for 14 minutes.
    SignedRequest request = presigned(Duration.ofSeconds(60));
    assertThatCode(() -> verify(request, TIME.plus(Duration.ofMinutes(14))))
        .doesNotThrowAnyException();
    assertThatCode(() -> verify(request, TIME.plus(Duration.ofMinutes(15))))
        .doesNotThrowAnyException();
    SigV4Exception e =
        refusal(() -> verify(request, TIME.plus(Duration.ofMinutes(15)).plusSeconds(1)));
    assertThat(e.error()).isEqualTo(SigV4Error.REQUEST_EXPIRED);
    assertThat(e.getMessage()).isEqualTo("Request has expired");
  }

  @Test
  void stsRefusesALongExpiryAfterFifteenMinutes() {
    // A replayable identity proof signed for 7 days must not outlive STS's window.
    SignedRequest request = presigned(Duration.ofDays(7));
    assertThatCode(() -> verify(request, TIME.plus(Duration.ofMinutes(15))))
        .doesNotThrowAnyException();
    SigV4Exception e = refusal(() -> verify(request, TIME.plus(Duration.ofMinutes(16))));
    assertThat(e.error()).isEqualTo(SigV4Error.REQUEST_EXPIRED);
  }

  @Test
  void futureDatedIsNotYetCurrent() {
    SignedRequest request = presigned(Duration.ofHours(1));
    SigV4Exception e = refusal(() -> verify(request, TIME.minus(Duration.ofMinutes(16))));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage()).startsWith("Signature not yet current: 20260115T100000Z");
  }

  @Test
  void tamperedParameterFailsTheSignature() {
    SignedRequest request =
        replaceInQuery(presigned(Duration.ofMinutes(5)), "Action=ListUsers", "Action=DeleteUser");
    SigV4Exception e = refusal(() -> verify(request, TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage()).contains("Action=DeleteUser&Version=2010-05-08&X-Amz-Algorithm");
  }

  @Test
  void extendedExpiryFailsTheSignature() {
    SignedRequest request =
        replaceInQuery(presigned(Duration.ofMinutes(5)), "X-Amz-Expires=300", "X-Amz-Expires=3000");
    assertThat(refusal(() -> verify(request, TIME)).code()).isEqualTo("SignatureDoesNotMatch");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X-Amz-Expires=300|X-Amz-Expires=abc|X-Amz-Expires should be a number",
        "X-Amz-Expires=300|X-Amz-Expires=-1|X-Amz-Expires must be non-negative",
        "X-Amz-Expires=300|X-Amz-Expires=604801"
            + "|X-Amz-Expires must be less than a week (in seconds) that is 604800",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256|X-Amz-Algorithm=AWS4-HMAC-SHA1"
            + "|X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"",
        "X-Amz-Date=20260115T100000Z|X-Amz-Date=20260115T100000Z&X-Amz-Date=20260115T100000Z"
            + "|Query-string parameter 'X-Amz-Date' must appear only once.",
        "X-Amz-Date=20260115T100000Z|X-Amz-Date=2026"
            + "|Date must be in ISO-8601 'basic format'. Got '2026'. See"
            + " http://en.wikipedia.org/wiki/ISO_8601",
        "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260115%2Fus-east-1%2Fiam%2Faws4_request"
            + "|X-Amz-Credential=AKIAIOSFODNN7EXAMPLE"
            + "|Credential must have exactly 5 slash-delimited elements, e.g."
            + " keyid/date/region/service/term, got 'AKIAIOSFODNN7EXAMPLE'",
      })
  void malformedParameter(String from, String to, String message) {
    SignedRequest request = replaceInQuery(presigned(Duration.ofMinutes(5)), from, to);
    SigV4Exception e = refusal(() -> SigV4.parse(request));
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void maximumExpiryIsAccepted() {
    SignedRequest request = presigned(SigV4.MAX_PRESIGNED_EXPIRY);
    assertThat(SigV4.parse(request).mode())
        .isEqualTo(new AuthorizationMode.Presigned(Duration.ofDays(7)));
  }

  @ParameterizedTest
  @CsvSource({
    "X-Amz-SignedHeaders=host, X-Amz-Foo=host",
    "X-Amz-Expires=300, X-Amz-Foo=300",
    "X-Amz-Date=, X-Amz-Foo=",
  })
  void missingParameter(String from, String to) {
    SignedRequest request = replaceInQuery(presigned(Duration.ofMinutes(5)), from, to);
    SigV4Exception e = refusal(() -> SigV4.parse(request));
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage())
        .isEqualTo(
            "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential',"
                + " 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'."
                + " Re-examine the query-string parameters.");
  }

  @Test
  void duplicateSessionTokenIsRefused() {
    SignedRequest request =
        presigned(Duration.ofMinutes(5))
            .withRawQuery(
                presigned(Duration.ofMinutes(5)).rawQuery()
                    + "&X-Amz-Security-Token=a&X-Amz-Security-Token=b");
    assertThat(refusal(() -> SigV4.parse(request)).getMessage())
        .isEqualTo("Query-string parameter 'X-Amz-Security-Token' must appear only once.");
  }

  @Test
  void amzHeaderAddedToAPresignedRequestMustBeSigned() {
    SignedRequest request = presigned(Duration.ofMinutes(5)).withHeader("X-Amz-Target", "x");
    assertThat(refusal(() -> verify(request, TIME)).getMessage())
        .isEqualTo("There were headers present in the request which were not signed: x-amz-target");
  }
}
