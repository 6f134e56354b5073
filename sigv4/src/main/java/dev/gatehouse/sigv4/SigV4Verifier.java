package dev.gatehouse.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Checks a {@link ParsedAuthorization} against the request and the secret. Stateless apart from the
 * signing-key cache; safe for concurrent use.
 *
 * <p>Order of checks (AWS facts 1.4, "Order of checks"): credential scope, date and time window
 * ({@link #checkScopeAndTime}, which needs no secret and so may run before the access-key lookup),
 * then signed-header rules, the content hash and finally the constant-time signature comparison.
 */
public final class SigV4Verifier {
  private static final String SIGNATURE_MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";

  private final VerificationPolicy policy;
  private final SigningKeyCache keys;

  public SigV4Verifier(VerificationPolicy policy, SigningKeyCache keys) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** The policy this verifier enforces. */
  public VerificationPolicy policy() {
    return policy;
  }

  /**
   * Verifies the request completely. Returns normally only if every check passes.
   *
   * <p>The session token: this method proves that the request was signed with {@code secret} and,
   * when the token is signed, that the token is part of what was signed. The server must in
   * addition (a) take the secret of temporary credentials from the unsealed token itself, and (b)
   * refuse a token whose access key id differs from {@link ParsedAuthorization#accessKeyId()} with
   * {@link SigV4Error#INVALID_CLIENT_TOKEN_ID}.
   *
   * @throws SigV4Exception with AWS's code and message for the first check that fails
   */
  public void verify(
      ParsedAuthorization auth, SignedRequest request, SecretAccessKey secret, Instant now) {
    checkScopeAndTime(auth, now);
    verifyRest(auth, request, secret);
  }

  /**
   * The checks {@link #verify} makes after {@link #checkScopeAndTime}: for a caller that made that
   * check already (before looking the access key up, in AWS's order) with the same {@code auth}.
   *
   * @throws SigV4Exception with AWS's code and message for the first check that fails
   */
  public void verifyRest(ParsedAuthorization auth, SignedRequest request, SecretAccessKey secret) {
    checkSignedHeaders(auth, request);
    checkContentHash(request);
    checkSignature(auth, request, secret);
  }

  /**
   * The checks that need no secret: scope terminator, service, region, scope date against the
   * request date, then the clock-skew window or the presigned expiry.
   */
  public void checkScopeAndTime(ParsedAuthorization auth, Instant now) {
    checkScope(auth);
    checkTime(auth, now);
  }

  /** Scope terminator, service, region, and scope date against the request date. */
  void checkScope(ParsedAuthorization auth) {
    CredentialScope scope = auth.scope();
    // spec: signature-v4-troubleshooting ("Credential should be scoped ..."), code per its intro
    if (!scope.terminator().equals(CredentialScope.TERMINATOR)) {
      throw mismatch(
          "Credential should be scoped with a valid terminator: 'aws4_request', not '"
              + scope.terminator()
              + "'.");
    }
    if (!policy.services().contains(scope.service())) {
      throw mismatch(
          "Credential should be scoped to correct service: '"
              + String.join("' or '", new TreeSet<>(policy.services()))
              + "'. ");
    }
    if (!policy.regions().contains(scope.region())) {
      throw mismatch(
          "Credential should be scoped to a valid region, not '" + scope.region() + "'. ");
    }
    String day = AmzDate.day(auth.amzDate());
    if (!scope.date().equals(day)) {
      throw mismatch(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + scope.date()
              + "' != '"
              + day
              + "', from '"
              + auth.amzDate()
              + "'.");
    }
  }

  private void checkTime(ParsedAuthorization auth, Instant now) {
    Duration skew = policy.maxClockSkew();
    Instant latest = now.plus(skew);
    // spec: observed STS texts (AWS facts 1.3); the edges themselves are accepted
    if (auth.requestTime().isAfter(latest)) {
      throw mismatch(
          "Signature not yet current: "
              + auth.amzDate()
              + " is still later than "
              + AmzDate.format(latest)
              + " ("
              + AmzDate.format(now)
              + " + "
              + minutes(skew)
              + ")");
    }
    if (auth.mode() instanceof AuthorizationMode.Presigned presigned) {
      // spec: Common Errors, RequestExpired ("more than 15 minutes after the request expiration
      // date (such as for pre-signed URLs)"); how long it lives is the policy's (STS: 15 minutes
      // whatever X-Amz-Expires says; S3: X-Amz-Expires)
      if (now.isAfter(policy.presignedLifetime().end(auth.requestTime(), presigned.expires()))) {
        throw new SigV4Exception(SigV4Error.REQUEST_EXPIRED, "Request has expired");
      }
      return;
    }
    Instant earliest = now.minus(skew);
    if (auth.requestTime().isBefore(earliest)) {
      throw mismatch(
          "Signature expired: "
              + auth.amzDate()
              + " is now earlier than "
              + AmzDate.format(earliest)
              + " ("
              + AmzDate.format(now)
              + " - "
              + minutes(skew)
              + ")");
    }
  }

  private static String minutes(Duration skew) {
    return skew.toMinutes() + " min.";
  }

  /**
   * {@code host} must be signed; every {@code x-amz-*} header present must be signed (the session
   * token only if the policy says so); every signed header must be present.
   *
   * <p>spec: create-signed-request ("The host header must be included as a signed header ... any
   * x-amz-* headers that you plan to include in your request must also be added").
   */
  void checkSignedHeaders(ParsedAuthorization auth, SignedRequest request) {
    List<String> signed = auth.signedHeaders();
    if (!signed.contains("host") && !signed.contains(":authority")) {
      // spec: AWS's text, quoted by third parties (aws-sdk-php#2469)
      throw SigV4.incomplete(
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    List<String> unsigned = new ArrayList<>(0);
    for (Header header : request.headers()) {
      if (!header.name().regionMatches(true, 0, "x-amz-", 0, 6)) {
        continue; // only x-amz-* headers must be signed; no lower-case copy of the others
      }
      String name = header.name().toLowerCase(Locale.ROOT);
      boolean mustBeSigned =
          !(name.equals("x-amz-security-token") && !policy.requireSignedSessionToken());
      if (mustBeSigned && !signed.contains(name) && !unsigned.contains(name)) {
        unsigned.add(name);
      }
    }
    if (auth.mode() instanceof AuthorizationMode.InHeader
        && !request.hasHeader(SigV4.X_AMZ_DATE)
        && !signed.contains("date")) {
      // The Date header carries the request time when X-Amz-Date is absent; unsigned, any replay
      // could move the time.
      unsigned.add("date");
    }
    if (!unsigned.isEmpty()) {
      // spec: S3's text for the same rule (inference for IAM/STS, which publish none)
      throw SigV4.incomplete(
          "There were headers present in the request which were not signed: "
              + String.join(", ", unsigned));
    }
    for (String name : signed) {
      if (!request.hasHeader(name)) {
        throw SigV4.incomplete(
            "'"
                + name
                + "' is named as a SignedHeader, but it does not exist in the HTTP request.");
      }
    }
  }

  /**
   * When {@code X-Amz-Content-Sha256} is present it must equal the hash of the received body.
   *
   * <p>spec: AWS facts 1.2 (inference for IAM/STS); code and text are S3's.
   */
  static void checkContentHash(SignedRequest request) {
    for (String value : request.headerValues(SigV4.X_AMZ_CONTENT_SHA256)) {
      if (!value.trim().toLowerCase(Locale.ROOT).equals(request.payloadHash())) {
        throw new SigV4Exception(
            SigV4Error.CONTENT_SHA256_MISMATCH,
            "The provided 'x-amz-content-sha256' header does not match what was computed.");
      }
    }
  }

  private void checkSignature(
      ParsedAuthorization auth, SignedRequest request, SecretAccessKey secret) {
    String canonicalRequest =
        Canonicalizer.canonicalRequest(request, auth.signedHeaders(), PathStyle.NORMALIZED);
    String stringToSign =
        SignatureCalculator.stringToSign(auth.amzDate(), auth.scope(), canonicalRequest);
    String expected =
        SignatureCalculator.signature(keys.shared(secret, auth.scope()), stringToSign);
    // spec: ASVS 11.2.4 / AWS facts 4.4: compare without leaking the position of the first
    // difference
    boolean equal =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            auth.signature().getBytes(StandardCharsets.UTF_8));
    if (!equal) {
      // spec: AWS returns the canonical request and string to sign it computed (boto3#756)
      throw mismatch(
          SIGNATURE_MISMATCH
              + "\n\nThe Canonical String for this request should have been\n'"
              + canonicalRequest
              + "'\n\nThe String-to-Sign should have been\n'"
              + stringToSign
              + "'\n");
    }
  }

  private static SigV4Exception mismatch(String message) {
    return new SigV4Exception(SigV4Error.SIGNATURE_DOES_NOT_MATCH, message);
  }
}
