package dev.gatehouse.sigv4;

import static dev.gatehouse.sigv4.Fixtures.CREDENTIALS;
import static dev.gatehouse.sigv4.Fixtures.SECRET;
import static dev.gatehouse.sigv4.Fixtures.SIGNER;
import static dev.gatehouse.sigv4.Fixtures.TIME;
import static dev.gatehouse.sigv4.Fixtures.VERIFIER;
import static dev.gatehouse.sigv4.Fixtures.authorization;
import static dev.gatehouse.sigv4.Fixtures.refusal;
import static dev.gatehouse.sigv4.Fixtures.replaceHeader;
import static dev.gatehouse.sigv4.Fixtures.signed;
import static dev.gatehouse.sigv4.Fixtures.stsPost;
import static dev.gatehouse.sigv4.Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every verifier check, shown refusing, with AWS's error code and message. */
class VerifierRefusalTest {
  private static final String MISMATCH_PREFIX =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";

  @Test
  void acceptsTheUntouchedRequest() {
    assertThatCode(() -> verify(signed(stsPost()), TIME)).doesNotThrowAnyException();
  }

  @Test
  void wrongSecretIsSignatureDoesNotMatchWithCanonicalRequestAndStringToSign() {
    SignedRequest request = signed(stsPost());
    SigV4Exception e =
        refusal(
            () ->
                VERIFIER.verify(
                    SigV4.parse(request), request, new SecretAccessKey(SECRET + "x"), TIME));
    assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    assertThat(e.error().httpStatus()).isEqualTo(403);
    assertThat(e.getMessage())
        .startsWith(MISMATCH_PREFIX)
        .contains(
            """


            The Canonical String for this request should have been
            'POST
            /

            content-type:application/x-www-form-urlencoded; charset=utf-8
            host:sts.amazonaws.com
            x-amz-date:20260115T100000Z

            content-type;host;x-amz-date
            """)
        .contains(
            """


            The String-to-Sign should have been
            'AWS4-HMAC-SHA256
            20260115T100000Z
            20260115/us-east-1/sts/aws4_request
            """)
        .doesNotContain(SECRET);
  }

  @Test
  void wrongRegionInScope() {
    SignedRequest request =
        SIGNER
            .signHeaders(stsPost(), CREDENTIALS, "eu-west-1", "sts", TIME, SignerOptions.DEFAULT)
            .request();
    SigV4Exception e = refusal(() -> verify(request, TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage())
        .isEqualTo("Credential should be scoped to a valid region, not 'eu-west-1'. ");
  }

  @Test
  void wrongServiceInScope() {
    SignedRequest request =
        SIGNER
            .signHeaders(stsPost(), CREDENTIALS, "us-east-1", "s3", TIME, SignerOptions.DEFAULT)
            .request();
    SigV4Exception e = refusal(() -> verify(request, TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage())
        .isEqualTo("Credential should be scoped to correct service: 'iam' or 'sts'. ");
  }

  @Test
  void upperCaseScopeIsRefused() {
    SignedRequest request =
        SIGNER
            .signHeaders(stsPost(), CREDENTIALS, "US-EAST-1", "sts", TIME, SignerOptions.DEFAULT)
            .request();
    assertThat(refusal(() -> verify(request, TIME)).getMessage())
        .isEqualTo("Credential should be scoped to a valid region, not 'US-EAST-1'. ");
  }

  @Test
  void wrongTerminator() {
    SignedRequest good = signed(stsPost());
    SignedRequest bad =
        replaceHeader(
            good, "Authorization", authorization(good).replace("/aws4_request", "/aws5_request"));
    SigV4Exception e = refusal(() -> verify(bad, TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage())
        .isEqualTo(
            "Credential should be scoped with a valid terminator: 'aws4_request', not"
                + " 'aws5_request'.");
  }

  @Test
  void scopeDateDifferentFromRequestDate() {
    SignedRequest good = signed(stsPost());
    SignedRequest bad =
        replaceHeader(
            good, "Authorization", authorization(good).replace("/20260115/", "/20260114/"));
    SigV4Exception e = refusal(() -> verify(bad, TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage())
        .isEqualTo(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                + " HTTP: '20260114' != '20260115', from '20260115T100000Z'.");
  }

  @Test
  void expiredOneSecondPastTheWindowAcceptedAtTheEdge() {
    SignedRequest request = signed(stsPost());
    Instant edge = TIME.plus(Duration.ofMinutes(15));
    assertThatCode(() -> verify(request, edge)).doesNotThrowAnyException();
    SigV4Exception e = refusal(() -> verify(request, edge.plusSeconds(1)));
    assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    assertThat(e.getMessage())
        .isEqualTo(
            "Signature expired: 20260115T100000Z is now earlier than 20260115T100001Z"
                + " (20260115T101501Z - 15 min.)");
  }

  @Test
  void futureOneSecondPastTheWindowAcceptedAtTheEdge() {
    SignedRequest request = signed(stsPost());
    Instant edge = TIME.minus(Duration.ofMinutes(15));
    assertThatCode(() -> verify(request, edge)).doesNotThrowAnyException();
    SigV4Exception e = refusal(() -> verify(request, edge.minusSeconds(1)));
    assertThat(e.error()).isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    assertThat(e.getMessage())
        .isEqualTo(
            "Signature not yet current: 20260115T100000Z is still later than 20260115T095959Z"
                + " (20260115T094459Z + 15 min.)");
  }

  @Test
  void skewWindowFollowsThePolicy() {
    SigV4Verifier strict =
        new SigV4Verifier(
            new VerificationPolicy(
                Fixtures.POLICY.regions(),
                Fixtures.POLICY.services(),
                Duration.ofMinutes(5),
                true,
                VerificationPolicy.STS_PRESIGNED_LIFETIME),
            new SigningKeyCache(4));
    SignedRequest request = signed(stsPost());
    SigV4Exception e =
        refusal(
            () ->
                strict.verify(
                    SigV4.parse(request),
                    request,
                    new SecretAccessKey(SECRET),
                    TIME.plus(Duration.ofMinutes(6))));
    assertThat(e.getMessage()).endsWith("(20260115T100600Z - 5 min.)");
  }

  @Test
  void hostMustBeSigned() {
    SignedRequest withoutHost = Fixtures.removeHeader(stsPost(), "Host");
    SignedRequest request = signed(withoutHost).withHeader("Host", "sts.amazonaws.com");
    SigV4Exception e = refusal(() -> verify(request, TIME));
    assertThat(e.error()).isEqualTo(SigV4Error.INCOMPLETE_SIGNATURE);
    assertThat(e.error().httpStatus()).isEqualTo(400);
    assertThat(e.getMessage())
        .isEqualTo("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  @Test
  void verifyRestLeavesScopeAndTimeToTheCallerButChecksTheRest() {
    SignedRequest request = signed(stsPost());
    ParsedAuthorization auth = SigV4.parse(request);
    SecretAccessKey secret = new SecretAccessKey(Fixtures.SECRET);
    // A day late: verify refuses it, verifyRest (whose caller checked the time) does not.
    assertThat(refusal(() -> verify(request, TIME.plusSeconds(86_400))).getMessage())
        .startsWith("Signature expired");
    Fixtures.VERIFIER.verifyRest(auth, request, secret);
    assertThat(
            refusal(() -> Fixtures.VERIFIER.verifyRest(auth, request, new SecretAccessKey("x")))
                .error())
        .isEqualTo(SigV4Error.SIGNATURE_DOES_NOT_MATCH);
    SignedRequest unsigned = request.withHeader("x-amz-target", "evil");
    assertThat(
            refusal(() -> Fixtures.VERIFIER.verifyRest(SigV4.parse(unsigned), unsigned, secret))
                .error())
        .isEqualTo(SigV4Error.INCOMPLETE_SIGNATURE);
  }

  @Test
  void amzHeadersPresentMustBeSigned() {
    SignedRequest request = signed(stsPost()).withHeader("X-Amz-Target", "evil");
    SigV4Exception e = refusal(() -> verify(request, TIME));
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage())
        .isEqualTo("There were headers present in the request which were not signed: x-amz-target");
  }

  @Test
  void tamperedBody() {
    SignedRequest request = Fixtures.withBody(signed(stsPost()), Fixtures.FORM + "&x=1");
    SigV4Exception e = refusal(() -> verify(request, TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage()).startsWith(MISMATCH_PREFIX);
  }

  @Test
  void tamperedSignedHeader() {
    SignedRequest request = replaceHeader(signed(stsPost()), "Content-Type", "text/plain");
    SigV4Exception e = refusal(() -> verify(request, TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage()).startsWith(MISMATCH_PREFIX).contains("content-type:text/plain\n");
  }

  @Test
  void tamperedQuery() {
    SignedRequest request = signed(Fixtures.iamGet());
    SignedRequest bad = request.withRawQuery("Action=DeleteUser&Version=2010-05-08");
    SigV4Exception e = refusal(() -> verify(bad, TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.getMessage()).contains("\nAction=DeleteUser&Version=2010-05-08\n");
  }

  @Test
  void tamperedPath() {
    SignedRequest request = signed(Fixtures.iamGet());
    SignedRequest bad =
        new SignedRequest(
            request.method(), "/x", request.rawQuery(), request.headers(), request.payloadHash());
    assertThat(refusal(() -> verify(bad, TIME)).code()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void tamperedSignature() {
    SignedRequest good = signed(stsPost());
    String auth = authorization(good);
    char last = auth.charAt(auth.length() - 1);
    SignedRequest bad =
        replaceHeader(
            good,
            "Authorization",
            auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0'));
    assertThat(refusal(() -> verify(bad, TIME)).code()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void signedHeaderMissingFromTheRequest() {
    SignedRequest request = Fixtures.removeHeader(signed(stsPost()), "Content-Type");
    SigV4Exception e = refusal(() -> verify(request, TIME));
    assertThat(e.code()).isEqualTo("IncompleteSignature");
    assertThat(e.getMessage())
        .isEqualTo(
            "'content-type' is named as a SignedHeader, but it does not exist in the HTTP"
                + " request.");
  }

  @Test
  void contentSha256MustMatchTheBody() {
    SignedRequest signed =
        SIGNER
            .signHeaders(
                stsPost(),
                CREDENTIALS,
                "us-east-1",
                "sts",
                TIME,
                new SignerOptions(PathStyle.NORMALIZED, true, true))
            .request();
    assertThatCode(() -> verify(signed, TIME)).doesNotThrowAnyException();
    SignedRequest tampered = Fixtures.withBody(signed, "Action=DeleteRole");
    SigV4Exception e = refusal(() -> verify(tampered, TIME));
    assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch");
    assertThat(e.error().httpStatus()).isEqualTo(400);
    assertThat(e.getMessage())
        .isEqualTo("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  @Test
  void dateHeaderFallbackMustBeSigned() {
    SignedRequest unsigned = stsPost().withHeader("Date", "Thu, 15 Jan 2026 10:00:00 GMT");
    SigningResult result =
        SIGNER.signHeaders(unsigned, CREDENTIALS, "us-east-1", "sts", TIME, SignerOptions.DEFAULT);
    // Rebuild the request as a client that signs Date instead of X-Amz-Date would send it.
    SignedRequest noAmzDate = Fixtures.removeHeader(result.request(), "X-Amz-Date");
    String scope = "20260115/us-east-1/sts/aws4_request";
    List<String> signedNames = List.of("content-type", "date", "host");
    String creq = Canonicalizer.canonicalRequest(noAmzDate, signedNames, PathStyle.NORMALIZED);
    String sts =
        SignatureCalculator.stringToSign(
            "20260115T100000Z", CredentialScope.of("20260115", "us-east-1", "sts"), creq);
    String signature =
        SignatureCalculator.signature(
            SignatureCalculator.signingKey(
                new SecretAccessKey(SECRET), "20260115", "us-east-1", "sts"),
            sts);
    String header =
        "AWS4-HMAC-SHA256 Credential="
            + Fixtures.KEY_ID
            + "/"
            + scope
            + ", SignedHeaders=content-type;date;host, Signature="
            + signature;
    SignedRequest dated = replaceHeader(noAmzDate, "Authorization", header);
    assertThatCode(() -> verify(dated, TIME)).doesNotThrowAnyException();
    assertThat(SigV4.parse(dated).amzDate()).isEqualTo("20260115T100000Z");

    SignedRequest dateUnsigned =
        replaceHeader(
            dated, "Authorization", header.replace("content-type;date;host", "content-type;host"));
    SigV4Exception e = refusal(() -> verify(dateUnsigned, TIME));
    assertThat(e.getMessage())
        .isEqualTo("There were headers present in the request which were not signed: date");
  }

  @Test
  void errorTableIsTheWireMapping() {
    assertThat(SigV4Error.values())
        .extracting(SigV4Error::code, SigV4Error::httpStatus, SigV4Error::fault)
        .containsExactly(
            tuple("MissingAuthenticationToken", 403, SigV4Error.Fault.SENDER),
            tuple("IncompleteSignature", 400, SigV4Error.Fault.SENDER),
            tuple("SignatureDoesNotMatch", 403, SigV4Error.Fault.SENDER),
            tuple("RequestExpired", 400, SigV4Error.Fault.SENDER),
            tuple("XAmzContentSHA256Mismatch", 400, SigV4Error.Fault.SENDER),
            tuple("InvalidClientTokenId", 403, SigV4Error.Fault.SENDER),
            tuple("ExpiredToken", 403, SigV4Error.Fault.SENDER),
            tuple("AuthorizationHeaderMalformed", 400, SigV4Error.Fault.SENDER),
            tuple("AuthorizationQueryParametersError", 400, SigV4Error.Fault.SENDER),
            tuple("AccessDenied", 403, SigV4Error.Fault.SENDER),
            tuple("RequestTimeTooSkewed", 403, SigV4Error.Fault.SENDER),
            tuple("InvalidAccessKeyId", 403, SigV4Error.Fault.SENDER),
            tuple("InvalidArgument", 400, SigV4Error.Fault.SENDER),
            tuple("InvalidRequest", 400, SigV4Error.Fault.SENDER),
            tuple("IncompleteBody", 400, SigV4Error.Fault.SENDER),
            tuple("BadDigest", 400, SigV4Error.Fault.SENDER),
            tuple("MalformedTrailerError", 400, SigV4Error.Fault.SENDER),
            tuple("InvalidChunkSizeError", 403, SigV4Error.Fault.SENDER),
            tuple("MissingContentLength", 411, SigV4Error.Fault.SENDER),
            tuple("NotImplemented", 501, SigV4Error.Fault.SENDER));
  }
}
