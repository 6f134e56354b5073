package dev.gatehouse.sigv4;

import static dev.gatehouse.sigv4.S3Fixtures.SECRET;
import static dev.gatehouse.sigv4.S3Fixtures.TIME;
import static dev.gatehouse.sigv4.S3Fixtures.VERIFIER;
import static dev.gatehouse.sigv4.S3Fixtures.readAll;
import static dev.gatehouse.sigv4.S3Fixtures.signedPut;
import static dev.gatehouse.sigv4.S3Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** S3 verification of everything but the body, and the single-chunk body checks. */
class S3VerifierTest {
  static final byte[] BODY = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
  static final String BODY_SHA256 = Hashing.sha256Hex(BODY);

  static SigV4Exception refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return Fixtures.refusal(call);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/test$file.text|/test%24file.text",
        "/test%24file.text|/test%24file.text",
        "/bucket//a/./b/../c|/bucket//a/./b/../c",
        "/a%2Fb/c|/a%2Fb/c",
        "/photos/my photo.jpg|/photos/my%20photo.jpg",
        "/photos/my%20photo.jpg|/photos/my%20photo.jpg",
        "/%E1%88%B4|/%E1%88%B4",
        "/a+b|/a%2Bb",
        "/100%|/100%25",
        "''|/",
      })
  void s3EncodesEachSegmentOnceWithoutNormalising(String raw, String canonical) {
    assertThat(Canonicalizer.canonicalUri(raw, PathStyle.S3)).isEqualTo(canonical);
  }

  @Test
  void aSignedPayloadVerifiesAndItsBodyIsChecked() {
    S3Authentication authn = verify(signedPut(BODY_SHA256, List.of()));
    assertThat(authn.payload()).isEqualTo(new PayloadMode.FixedHash(BODY_SHA256));
    assertThat(authn.decodedContentLength()).isEmpty();
    assertThat(readAll(authn.body(new ByteArrayInputStream(BODY)), 3)).isEqualTo(BODY);
  }

  @Test
  void aBodyThatDoesNotMatchTheSignedHashIsRefusedInsteadOfItsEnd() throws Exception {
    S3Authentication authn = verify(signedPut(BODY_SHA256, List.of()));
    byte[] other = "Welcome to Amazon S4.".getBytes(StandardCharsets.UTF_8);
    InputStream in = authn.body(new ByteArrayInputStream(other));
    assertThat(in.readNBytes(other.length)).isEqualTo(other);
    SigV4Exception e = refusal(in::read);
    assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch");
    assertThat(e.error().httpStatus()).isEqualTo(400);
    assertThat(e.details())
        .containsEntry("ClientComputedContentSHA256", BODY_SHA256)
        .containsEntry("S3ComputedContentSHA256", Hashing.sha256Hex(other));
  }

  @Test
  void skippingStillHashes() throws Exception {
    S3Authentication authn = verify(signedPut(BODY_SHA256, List.of()));
    InputStream in =
        authn.body(
            new ByteArrayInputStream("x".repeat(BODY.length).getBytes(StandardCharsets.UTF_8)));
    assertThat(in.skip(BODY.length)).isEqualTo(BODY.length);
    assertThat(refusal(in::read).code()).isEqualTo("XAmzContentSHA256Mismatch");
  }

  @Test
  void anUnsignedPayloadPassesThrough() {
    S3Authentication authn = verify(signedPut("UNSIGNED-PAYLOAD", List.of()));
    assertThat(authn.payload()).isEqualTo(new PayloadMode.Unsigned());
    assertThat(readAll(authn.body(new ByteArrayInputStream(BODY)), 7)).isEqualTo(BODY);
  }

  @ParameterizedTest
  @CsvSource({"CRC32", "CRC32C", "SHA1", "SHA256"})
  void aChecksumHeaderIsVerifiedAgainstTheBody(ChecksumAlgorithm algorithm) throws Exception {
    List<Header> good = List.of(new Header(algorithm.headerName(), algorithm.of(BODY)));
    S3Authentication authn = verify(signedPut("UNSIGNED-PAYLOAD", good));
    assertThat(authn.checksum()).isPresent();
    assertThat(readAll(authn.body(new ByteArrayInputStream(BODY)), 5)).isEqualTo(BODY);

    List<Header> bad = List.of(new Header(algorithm.headerName(), algorithm.of(new byte[1])));
    InputStream in = verify(signedPut(BODY_SHA256, bad)).body(new ByteArrayInputStream(BODY));
    in.readNBytes(BODY.length);
    SigV4Exception e = refusal(in::read);
    assertThat(e.code()).isEqualTo("BadDigest");
    assertThat(e.getMessage())
        .isEqualTo(
            "The " + algorithm.name() + " you specified did not match the calculated checksum.");
  }

  @Test
  void checksumsAreBase64OfTheBigEndianValue() {
    // CRC-32 and CRC-32C check values of "123456789" (0xCBF43926, 0xE3069283), and SHA-256 of
    // "abc".
    byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(ChecksumAlgorithm.CRC32.of(digits)).isEqualTo("y/Q5Jg==");
    assertThat(ChecksumAlgorithm.CRC32C.of(digits)).isEqualTo("4waSgw==");
    assertThat(ChecksumAlgorithm.SHA256.of("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    assertThat(ChecksumAlgorithm.forHeader("X-Amz-Checksum-SHA1")).contains(ChecksumAlgorithm.SHA1);
    assertThat(ChecksumAlgorithm.forHeader("x-amz-checksum-mode")).isEmpty();
  }

  @Test
  void aMalformedChecksumHeaderIsRefusedBeforeTheBody() {
    List<Header> bad = List.of(new Header("x-amz-checksum-crc32", "not base64!"));
    SigV4Exception e = refusal(() -> verify(signedPut("UNSIGNED-PAYLOAD", bad)));
    assertThat(e.code()).isEqualTo("InvalidRequest");
    assertThat(e.getMessage()).isEqualTo("Value for x-amz-checksum-crc32 header is invalid.");
  }

  @Test
  void twoChecksumHeadersAreRefused() {
    List<Header> two =
        List.of(
            new Header("x-amz-checksum-crc32", ChecksumAlgorithm.CRC32.of(BODY)),
            new Header("x-amz-checksum-sha1", ChecksumAlgorithm.SHA1.of(BODY)));
    assertThat(refusal(() -> verify(signedPut("UNSIGNED-PAYLOAD", two))).code())
        .isEqualTo("InvalidRequest");
  }

  @Test
  void crc64nvmeIsRefusedAsNotImplemented() {
    List<Header> header = List.of(new Header("x-amz-checksum-crc64nvme", "AAAAAAAAAAA="));
    SigV4Exception e = refusal(() -> verify(signedPut("UNSIGNED-PAYLOAD", header)));
    assertThat(e.code()).isEqualTo("NotImplemented");
    assertThat(e.error().httpStatus()).isEqualTo(501);
  }

  @Test
  void aWrongSecretIsRefusedWithTheStringToSignAndCanonicalRequest() {
    S3Request request = signedPut(BODY_SHA256, List.of());
    SigV4Exception e =
        refusal(
            () ->
                VERIFIER.verify(
                    S3SigV4Verifier.parse(request), request, new SecretAccessKey("other"), TIME));
    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(e.error().httpStatus()).isEqualTo(403);
    assertThat(e.details()).containsKeys("StringToSign", "CanonicalRequest", "SignatureProvided");
    assertThat(e.details().get("CanonicalRequest")).endsWith("\n" + BODY_SHA256);
  }

  @Test
  void aChangedSignedHeaderIsRefused() {
    S3Request request = signedPut(BODY_SHA256, List.of(new Header("x-amz-meta-a", "1")));
    List<Header> headers = new ArrayList<>();
    for (Header h : request.headers()) {
      headers.add(h.is("x-amz-meta-a") ? new Header(h.name(), "2") : h);
    }
    S3Request changed = new S3Request("PUT", "/bucket/key", "", headers);
    assertThat(refusal(() -> verify(changed)).code()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void aContentSha256HeaderIsRequiredInHeaderMode() {
    S3Request request =
        S3Fixtures.sign(
            new S3Request(
                "GET",
                "/bucket/key",
                "",
                List.of(
                    new Header("Host", "bucket.s3.amazonaws.com"),
                    new Header("x-amz-date", S3Fixtures.AMZ_DATE))),
            "UNSIGNED-PAYLOAD");
    SigV4Exception e = refusal(() -> verify(request));
    assertThat(e.code()).isEqualTo("InvalidRequest");
    assertThat(e.getMessage())
        .isEqualTo("Missing required header for this request: x-amz-content-sha256");
  }

  @Test
  void anUnknownContentSha256ValueIsRefused() {
    SigV4Exception e = refusal(() -> verify(signedPut("GIBBERISH", List.of())));
    assertThat(e.code()).isEqualTo("InvalidArgument");
    assertThat(e.details()).containsEntry("ArgumentValue", "GIBBERISH");
  }

  @Test
  void sigV4aStreamingIsNotImplemented() {
    SigV4Exception e =
        refusal(() -> verify(signedPut("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", List.of())));
    assertThat(e.code()).isEqualTo("NotImplemented");
  }

  @Test
  void payloadModesParseAndPrintAsSigned() {
    for (String value :
        List.of(
            PayloadMode.UNSIGNED_PAYLOAD,
            PayloadMode.STREAMING_SIGNED,
            PayloadMode.STREAMING_SIGNED_TRAILER,
            PayloadMode.STREAMING_UNSIGNED_TRAILER,
            BODY_SHA256)) {
      assertThat(PayloadMode.parse(value).headerValue()).isEqualTo(value);
    }
    assertThat(PayloadMode.parse(BODY_SHA256.toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(new PayloadMode.FixedHash(BODY_SHA256));
  }

  @Test
  void aChunkedBodyNeedsItsDecodedLength() {
    List<Header> noLength = List.of(new Header("Content-Encoding", "aws-chunked"));
    SigV4Exception e = refusal(() -> verify(signedPut(PayloadMode.STREAMING_SIGNED, noLength)));
    assertThat(e.code()).isEqualTo("MissingContentLength");
    assertThat(e.error().httpStatus()).isEqualTo(411);
    List<Header> notANumber = List.of(new Header("x-amz-decoded-content-length", "abc"));
    assertThat(refusal(() -> verify(signedPut(PayloadMode.STREAMING_SIGNED, notANumber))).code())
        .isEqualTo("MissingContentLength");
  }

  @Test
  void aTrailerBodyNeedsXAmzTrailer() {
    List<Header> headers = List.of(new Header("x-amz-decoded-content-length", "5"));
    assertThat(
            refusal(() -> verify(signedPut(PayloadMode.STREAMING_UNSIGNED_TRAILER, headers)))
                .code())
        .isEqualTo("MalformedTrailerError");
  }

  @Test
  void anUnsupportedTrailerIsRefused() {
    List<Header> headers =
        List.of(
            new Header("x-amz-decoded-content-length", "5"),
            new Header("x-amz-trailer", "x-amz-meta-color"));
    assertThat(
            refusal(() -> verify(signedPut(PayloadMode.STREAMING_UNSIGNED_TRAILER, headers)))
                .code())
        .isEqualTo("InvalidRequest");
  }

  @Test
  void theChunkedDecodedLengthAndTrailersAreReported() {
    S3Authentication authn =
        verify(
            signedPut(
                PayloadMode.STREAMING_SIGNED_TRAILER,
                List.of(
                    new Header("x-amz-decoded-content-length", "66560"),
                    new Header("x-amz-trailer", "X-Amz-Checksum-CRC32"))));
    assertThat(authn.decodedContentLength()).hasValue(66560);
    assertThat(authn.trailerNames()).containsExactly("x-amz-checksum-crc32");
    assertThat(authn.checksum().orElseThrow().inTrailer()).isTrue();
    assertThat(authn.toString()).doesNotContain(SECRET.value());
  }

  @Test
  void aRequestOutsideTheSkewIsRefusedAsTooSkewed() {
    S3Request request = signedPut(BODY_SHA256, List.of());
    ParsedAuthorization auth = S3SigV4Verifier.parse(request);
    for (Duration offset : List.of(Duration.ofMinutes(16), Duration.ofMinutes(-16))) {
      SigV4Exception e = refusal(() -> VERIFIER.verify(auth, request, SECRET, TIME.plus(offset)));
      assertThat(e.code()).isEqualTo("RequestTimeTooSkewed");
      assertThat(e.details()).containsEntry("MaxAllowedSkewMilliseconds", "900000");
    }
    assertThatCode(() -> VERIFIER.verify(auth, request, SECRET, TIME.plus(Duration.ofMinutes(15))))
        .doesNotThrowAnyException();
  }

  @Test
  void aPresignedUrlLivesAsLongAsSignedUpToSevenDays() {
    S3Request week = S3Fixtures.presignedGet(604800, "");
    ParsedAuthorization auth = S3SigV4Verifier.parse(week);
    S3Authentication authn = VERIFIER.verify(auth, week, SECRET, TIME.plus(Duration.ofDays(7)));
    assertThat(authn.payload()).isEqualTo(new PayloadMode.Unsigned());
    SigV4Exception expired =
        refusal(
            () ->
                VERIFIER.verify(auth, week, SECRET, TIME.plus(Duration.ofDays(7)).plusSeconds(1)));
    assertThat(expired.code()).isEqualTo("AccessDenied");
    assertThat(expired.getMessage()).isEqualTo("Request has expired");
    assertThat(expired.details()).containsEntry("X-Amz-Expires", "604800");
    SigV4Exception early =
        refusal(() -> VERIFIER.verify(auth, week, SECRET, TIME.minus(Duration.ofMinutes(16))));
    assertThat(early.code()).isEqualTo("AccessDenied");
  }

  @Test
  void aPresignedUrlLongerThanSevenDaysIsRefused() {
    SigV4Exception e = refusal(() -> S3SigV4Verifier.parse(S3Fixtures.presignedGet(604801, "")));
    assertThat(e.code()).isEqualTo("AuthorizationQueryParametersError");
  }

  @Test
  void aPresignedUrlWithASessionTokenCarriesItSigned() {
    S3Request request = S3Fixtures.presignedGet(3600, "token/with+chars=");
    ParsedAuthorization auth = S3SigV4Verifier.parse(request);
    assertThat(auth.sessionToken()).isEqualTo("token/with+chars=");
    assertThat(auth.sessionTokenSigned()).isTrue();
    assertThatCode(() -> VERIFIER.verify(auth, request, SECRET, TIME)).doesNotThrowAnyException();
    S3Request swapped =
        new S3Request(
            "GET",
            request.rawPath(),
            request.rawQuery().replace("token%2Fwith", "token%2Fwitx"),
            request.headers());
    assertThat(
            refusal(() -> VERIFIER.verify(S3SigV4Verifier.parse(swapped), swapped, SECRET, TIME))
                .code())
        .isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void malformedAuthenticationGetsS3Codes() {
    S3Request header =
        new S3Request(
            "GET",
            "/",
            "",
            List.of(
                new Header("Host", "h"),
                new Header("x-amz-date", S3Fixtures.AMZ_DATE),
                new Header("Authorization", "AWS4-HMAC-SHA256 Credential=a/b")));
    assertThat(refusal(() -> S3SigV4Verifier.parse(header)).code())
        .isEqualTo("AuthorizationHeaderMalformed");
    S3Request query = new S3Request("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256", List.of());
    assertThat(refusal(() -> S3SigV4Verifier.parse(query)).code())
        .isEqualTo("AuthorizationQueryParametersError");
    S3Request anonymous = new S3Request("GET", "/", "", List.of(new Header("Host", "h")));
    assertThat(refusal(() -> S3SigV4Verifier.parse(anonymous)).code())
        .isEqualTo("MissingAuthenticationToken");
  }

  @Test
  void anUnsignedAmzHeaderIsRefused() {
    S3Request request = signedPut(BODY_SHA256, List.of());
    List<Header> headers = new ArrayList<>(request.headers());
    headers.add(new Header("x-amz-meta-added", "later"));
    S3Request added = new S3Request("PUT", "/bucket/key", "", headers);
    SigV4Exception e = refusal(() -> verify(added));
    assertThat(e.code()).isEqualTo("AccessDenied");
    assertThat(e.details()).containsEntry("HeadersNotSigned", "x-amz-meta-added");
  }

  @Test
  void anAmzHeaderAddedToAPresignedUrlIsRefused() {
    S3Request request = S3Fixtures.presignedGet(3600, "");
    List<Header> headers = new ArrayList<>(request.headers());
    headers.add(new Header("X-Amz-Tagging", "a=b"));
    S3Request added = new S3Request("GET", request.rawPath(), request.rawQuery(), headers);
    SigV4Exception e =
        refusal(() -> VERIFIER.verify(S3SigV4Verifier.parse(added), added, SECRET, TIME));
    assertThat(e.code()).isEqualTo("AccessDenied");
    assertThat(e.details()).containsEntry("HeadersNotSigned", "x-amz-tagging");
  }

  @Test
  void aSignedHeaderThatIsAbsentIsRefusedAsMalformed() {
    S3Request request = signedPut(BODY_SHA256, List.of(new Header("Content-Type", "text/plain")));
    List<Header> headers = new ArrayList<>();
    for (Header h : request.headers()) {
      if (!h.is("Content-Type")) {
        headers.add(h);
      }
    }
    S3Request removed = new S3Request("PUT", "/bucket/key", "", headers);
    assertThat(refusal(() -> verify(removed)).code()).isEqualTo("AuthorizationHeaderMalformed");
  }

  @Test
  void aScopeForAnotherRegionIsRefusedNamingTheRegionToUse() {
    S3Request request = signedPut(BODY_SHA256, List.of());
    List<Header> headers = new ArrayList<>();
    for (Header h : request.headers()) {
      headers.add(
          h.is("Authorization")
              ? new Header(h.name(), h.value().replace("/us-east-1/", "/eu-west-3/"))
              : h);
    }
    S3Request moved = new S3Request("PUT", "/bucket/key", "", headers);
    SigV4Exception e = refusal(() -> verify(moved));
    assertThat(e.code()).isEqualTo("AuthorizationHeaderMalformed");
    assertThat(e.getMessage())
        .isEqualTo(
            "The authorization header is malformed; the region 'eu-west-3' is wrong; expecting"
                + " 'us-east-1'");
    assertThat(e.details()).containsEntry("Region", "us-east-1");
    S3Request presigned = S3Fixtures.presignedGet(60, "");
    S3Request presignedMoved =
        new S3Request(
            "GET",
            presigned.rawPath(),
            presigned.rawQuery().replace("us-east-1", "eu-west-3"),
            presigned.headers());
    assertThat(
            refusal(
                    () ->
                        VERIFIER.verify(
                            S3SigV4Verifier.parse(presignedMoved), presignedMoved, SECRET, TIME))
                .code())
        .isEqualTo("AuthorizationQueryParametersError");
  }

  @Test
  void aScopeForAnotherServiceIsRefused() {
    S3Request request = signedPut(BODY_SHA256, List.of());
    List<Header> headers = new ArrayList<>();
    for (Header h : request.headers()) {
      headers.add(
          h.is("Authorization") ? new Header(h.name(), h.value().replace("/s3/", "/sts/")) : h);
    }
    S3Request sts = new S3Request("PUT", "/bucket/key", "", headers);
    assertThat(refusal(() -> verify(sts)).code()).isEqualTo("SignatureDoesNotMatch");
  }
}
