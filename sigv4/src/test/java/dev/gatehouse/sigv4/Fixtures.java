package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A signed STS request and the verifier it must pass, shared by the negative tests. */
final class Fixtures {
  static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final SigningCredentials CREDENTIALS = SigningCredentials.of(KEY_ID, SECRET);
  static final Instant TIME = Instant.parse("2026-01-15T10:00:00Z");
  static final String FORM = "Action=GetCallerIdentity&Version=2011-06-15";
  static final VerificationPolicy POLICY =
      VerificationPolicy.of(Set.of("us-east-1"), Set.of("sts", "iam"));
  static final SigV4Verifier VERIFIER = new SigV4Verifier(POLICY, new SigningKeyCache(64));
  static final Signer SIGNER = new Signer(new SigningKeyCache(64));

  private Fixtures() {}

  /** An unsigned STS query-protocol POST, as the AWS SDKs send it. */
  static SignedRequest stsPost() {
    return SignedRequest.of(
        "POST",
        "/",
        "",
        List.of(
            new Header("Host", "sts.amazonaws.com"),
            new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
        FORM.getBytes(StandardCharsets.UTF_8));
  }

  /** An unsigned IAM GET with its parameters in the query. */
  static SignedRequest iamGet() {
    return SignedRequest.of(
        "GET",
        "/",
        "Action=ListUsers&Version=2010-05-08",
        List.of(new Header("Host", "iam.amazonaws.com")),
        new byte[0]);
  }

  static SignedRequest signed(SignedRequest request) {
    return SIGNER
        .signHeaders(request, CREDENTIALS, "us-east-1", "sts", TIME, SignerOptions.DEFAULT)
        .request();
  }

  static void verify(SignedRequest request, Instant now) {
    VERIFIER.verify(SigV4.parse(request), request, new SecretAccessKey(SECRET), now);
  }

  static SigV4Exception refusal(ThrowingCallable call) {
    SigV4Exception e = catchThrowableOfType(SigV4Exception.class, call);
    assertThat(e).as("expected a SigV4Exception").isNotNull();
    return e;
  }

  /** The same request with one header's value replaced (all headers of that name). */
  static SignedRequest replaceHeader(SignedRequest request, String name, String value) {
    List<Header> headers = new ArrayList<>();
    for (Header header : request.headers()) {
      headers.add(header.is(name) ? new Header(header.name(), value) : header);
    }
    return new SignedRequest(
        request.method(), request.rawPath(), request.rawQuery(), headers, request.payloadHash());
  }

  static SignedRequest removeHeader(SignedRequest request, String name) {
    List<Header> headers = new ArrayList<>();
    for (Header header : request.headers()) {
      if (!header.is(name)) {
        headers.add(header);
      }
    }
    return new SignedRequest(
        request.method(), request.rawPath(), request.rawQuery(), headers, request.payloadHash());
  }

  static String authorization(SignedRequest request) {
    return request.headerValues("Authorization").get(0);
  }

  static SignedRequest withBody(SignedRequest request, String body) {
    return new SignedRequest(
        request.method(),
        request.rawPath(),
        request.rawQuery(),
        request.headers(),
        Hashing.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
  }
}
