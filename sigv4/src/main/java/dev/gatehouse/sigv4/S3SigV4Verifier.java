package dev.gatehouse.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SigV4 for Amazon S3: header and presigned requests with S3's canonical URI ({@link PathStyle#S3})
 * and S3's payload line (the signed {@code x-amz-content-sha256} value), answering with S3's error
 * codes. The body is not read here: {@link #verify} returns an {@link S3Authentication} whose
 * {@link S3Authentication#body} wraps the body so that it is checked while it streams (fixed hash,
 * chunk signatures, trailers, {@code x-amz-checksum-*}).
 *
 * <pre>{@code
 * ParsedAuthorization auth = S3SigV4Verifier.parse(request); // MissingAuthenticationToken = anonymous
 * SecretAccessKey secret = lookUp(auth.accessKeyId(), auth.sessionToken()); // server's job
 * S3Authentication authn = verifier.verify(auth, request, secret, now);
 * try (InputStream body = authn.body(httpBody)) { store.put(..., body, ...); } // fails before the end
 * }</pre>
 *
 * <p>Stateless apart from the signing-key cache; safe for concurrent use.
 */
public final class S3SigV4Verifier {
  /** The credential scope's service for S3. */
  public static final String SERVICE = "s3";

  private static final String X_AMZ_DECODED_CONTENT_LENGTH = "x-amz-decoded-content-length";
  private static final String X_AMZ_TRAILER = "x-amz-trailer";
  private static final String CRC64NVME = "x-amz-checksum-crc64nvme";

  private final SigV4Verifier shared;
  private final SigningKeyCache keys;

  /**
   * @param policy what scopes and times are accepted; see {@link #policy(Set)} for S3's defaults
   */
  public S3SigV4Verifier(VerificationPolicy policy, SigningKeyCache keys) {
    this.shared = new SigV4Verifier(policy, keys);
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /**
   * S3's rules: service {@code s3}, 15 minutes of clock skew, every {@code x-amz-*} header signed
   * (the session token included), presigned URLs valid for their own {@code X-Amz-Expires} (at most
   * 7 days, checked by the parser).
   *
   * <p>spec: S3 API Reference, sigv4-query-string-auth ("X-Amz-Expires ... maximum 604800
   * seconds"); RequestTimeTooSkewed's {@code MaxAllowedSkewMilliseconds} of 900000 (AWS facts 1.3).
   */
  public static VerificationPolicy policy(Set<String> regions) {
    return new VerificationPolicy(
        regions,
        Set.of(SERVICE),
        VerificationPolicy.DEFAULT_CLOCK_SKEW,
        true,
        new PresignedLifetime.AsSigned());
  }

  /**
   * Reads what the request claims, header or presigned, with S3's error codes.
   *
   * @throws SigV4Exception {@code MissingAuthenticationToken} when the request carries no
   *     authentication at all (S3 then treats it as anonymous: the caller decides), {@code
   *     AuthorizationHeaderMalformed} or {@code AuthorizationQueryParametersError} when it is
   *     malformed
   */
  public static ParsedAuthorization parse(S3Request request) {
    SignedRequest view = request.asSignedRequest();
    try {
      return SigV4.parse(view);
    } catch (SigV4Exception e) {
      throw translate(e, presignedShape(view));
    }
  }

  /**
   * Verifies everything but the body: scope, time, signed headers, the {@code x-amz-content-sha256}
   * value and the signature; reads the streaming and checksum headers the body will be checked
   * against.
   *
   * <p>As with {@link SigV4Verifier#verify}, the server must take the secret of temporary
   * credentials from the unsealed session token and refuse a token that belongs to another key.
   *
   * @throws SigV4Exception with S3's code and message for the first check that fails
   */
  public S3Authentication verify(
      ParsedAuthorization auth, S3Request request, SecretAccessKey secret, Instant now) {
    SignedRequest view = request.asSignedRequest();
    try {
      checkRegion(auth);
      shared.checkScope(auth);
      checkTime(auth, now);
      checkAmzHeadersSigned(auth, view);
      shared.checkSignedHeaders(auth, view);
    } catch (SigV4Exception e) {
      throw translate(e, auth.presigned());
    }
    String payloadLine = payloadLine(auth, view);
    PayloadMode mode = PayloadMode.parse(payloadLine);
    byte[] signingKey = keys.shared(secret, auth.scope());
    checkSignature(auth, view, payloadLine, signingKey);
    long decodedLength = -1;
    List<String> trailerNames = List.of();
    if (mode instanceof PayloadMode.Chunked chunked) {
      decodedLength = decodedContentLength(view);
      if (chunked.trailer()) {
        trailerNames = trailerNames(view);
      }
    }
    Optional<S3Authentication.ExpectedChecksum> checksum = checksum(view, trailerNames);
    return new S3Authentication(
        auth,
        mode,
        new ChunkSigner(signingKey, auth.amzDate(), auth.scope()),
        decodedLength,
        trailerNames,
        checksum);
  }

  /**
   * A scope naming another region gets S3's answer, which names the region to use: SDKs read its
   * {@code Region} element to redirect the request.
   *
   * <p>spec: S3's text for a wrong signing region ("The authorization header is malformed; the
   * region 'us-west-2' is wrong; expecting 'us-east-1'", with a {@code Region} element), as SDK
   * region-redirect logic expects it (inference from the SDKs' handling of this error).
   */
  private void checkRegion(ParsedAuthorization auth) {
    Set<String> regions = shared.policy().regions();
    String region = auth.scope().region();
    if (!regions.contains(region)) {
      String expected = new java.util.TreeSet<>(regions).first();
      throw new SigV4Exception(
          auth.presigned()
              ? SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR
              : SigV4Error.AUTHORIZATION_HEADER_MALFORMED,
          (auth.presigned()
                  ? "Error parsing the X-Amz-Credential parameter; the region '"
                  : "The authorization header is malformed; the region '")
              + region
              + "' is wrong; expecting '"
              + expected
              + "'",
          SigV4Exception.ordered("Region", expected));
    }
  }

  private void checkTime(ParsedAuthorization auth, Instant now) {
    Duration skew = shared.policy().maxClockSkew();
    if (auth.mode() instanceof AuthorizationMode.Presigned presigned) {
      if (auth.requestTime().isAfter(now.plus(skew))) {
        // spec: S3 answers a presigned URL dated in the future with AccessDenied (inference: the
        // text is S3's "Request is not valid yet" as quoted by S3-compatible servers)
        throw new SigV4Exception(SigV4Error.ACCESS_DENIED, "Request is not valid yet");
      }
      Instant end =
          shared.policy().presignedLifetime().end(auth.requestTime(), presigned.expires());
      if (now.isAfter(end)) {
        // spec: S3's answer to an expired presigned URL (S3 User Guide, "Sharing objects with
        // presigned URLs": "Request has expired")
        throw new SigV4Exception(
            SigV4Error.ACCESS_DENIED,
            "Request has expired",
            SigV4Exception.ordered(
                "X-Amz-Expires",
                Long.toString(presigned.expires().toSeconds()),
                "Expires",
                end.toString(),
                "ServerTime",
                now.toString()));
      }
      return;
    }
    if (auth.requestTime().isAfter(now.plus(skew))
        || auth.requestTime().isBefore(now.minus(skew))) {
      // spec: S3 API Reference, Error responses (RequestTimeTooSkewed, 403) and its elements
      throw new SigV4Exception(
          SigV4Error.REQUEST_TIME_TOO_SKEWED,
          "The difference between the request time and the current time is too large.",
          SigV4Exception.ordered(
              "RequestTime",
              auth.amzDate(),
              "ServerTime",
              now.toString(),
              "MaxAllowedSkewMilliseconds",
              Long.toString(skew.toMillis())));
    }
  }

  /**
   * Every {@code x-amz-*} header present must be signed, in header and presigned mode alike: an
   * unsigned one (a copy source, tagging, an ACL added to a presigned URL) would change what the
   * request does without the signer's consent.
   *
   * <p>spec: S3's answer, AccessDenied "There were headers present in the request which were not
   * signed" with a {@code HeadersNotSigned} element (quoted in soto-project/soto#374,
   * agilord/aws_client#238, versity/versitygw#2158).
   */
  private static void checkAmzHeadersSigned(ParsedAuthorization auth, SignedRequest view) {
    List<String> unsigned = new ArrayList<>();
    for (Header header : view.headers()) {
      String name = header.name().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-amz-")
          && !auth.signedHeaders().contains(name)
          && !unsigned.contains(name)) {
        unsigned.add(name);
      }
    }
    if (!unsigned.isEmpty()) {
      throw new SigV4Exception(
          SigV4Error.ACCESS_DENIED,
          "There were headers present in the request which were not signed",
          SigV4Exception.ordered("HeadersNotSigned", String.join(", ", unsigned)));
    }
  }

  /**
   * Header mode: the {@code x-amz-content-sha256} header, which S3 requires. Presigned: that header
   * if the signer added it, otherwise {@code UNSIGNED-PAYLOAD}.
   *
   * <p>spec: S3 API Reference, sig-v4-header-based-auth ("x-amz-content-sha256 ... required for all
   * AWS Signature Version 4 requests") and sigv4-query-string-auth (payload {@code
   * UNSIGNED-PAYLOAD}).
   */
  private static String payloadLine(ParsedAuthorization auth, SignedRequest view) {
    List<String> values = view.headerValues(SigV4.X_AMZ_CONTENT_SHA256);
    if (values.isEmpty()) {
      if (auth.presigned()) {
        return PayloadMode.UNSIGNED_PAYLOAD;
      }
      // spec: S3's text for a SigV4 header request without the header
      throw new SigV4Exception(
          SigV4Error.INVALID_REQUEST,
          "Missing required header for this request: x-amz-content-sha256");
    }
    return values.get(0).trim();
  }

  private static void checkSignature(
      ParsedAuthorization auth, SignedRequest view, String payloadLine, byte[] signingKey) {
    String canonicalRequest =
        Canonicalizer.canonicalRequest(view, auth.signedHeaders(), PathStyle.S3, payloadLine);
    String stringToSign =
        SignatureCalculator.stringToSign(auth.amzDate(), auth.scope(), canonicalRequest);
    String expected = SignatureCalculator.signature(signingKey, stringToSign);
    if (!ChunkSigner.same(expected, auth.signature())) {
      // spec: S3 API Reference, Error responses (SignatureDoesNotMatch) and the elements S3 adds
      throw new SigV4Exception(
          SigV4Error.SIGNATURE_DOES_NOT_MATCH,
          "The request signature we calculated does not match the signature you provided. Check"
              + " your key and signing method.",
          SigV4Exception.ordered(
              "AWSAccessKeyId",
              auth.accessKeyId(),
              "StringToSign",
              stringToSign,
              "SignatureProvided",
              auth.signature(),
              "CanonicalRequest",
              canonicalRequest));
    }
  }

  private static long decodedContentLength(SignedRequest view) {
    List<String> values = view.headerValues(X_AMZ_DECODED_CONTENT_LENGTH);
    long length = -1;
    if (values.size() == 1) {
      try {
        length = Long.parseLong(values.get(0).trim());
      } catch (NumberFormatException e) {
        length = -1;
      }
    }
    if (length < 0) {
      // spec: S3's answer when x-amz-decoded-content-length is missing or not a number
      // (versity/versitygw#1656, #1043)
      throw new SigV4Exception(
          SigV4Error.MISSING_CONTENT_LENGTH, "You must provide the Content-Length HTTP header.");
    }
    return length;
  }

  private static List<String> trailerNames(SignedRequest view) {
    List<String> names = new ArrayList<>();
    for (String value : view.headerValues(X_AMZ_TRAILER)) {
      for (String name : value.split(",", -1)) {
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty()) {
          names.add(trimmed);
        }
      }
    }
    if (names.isEmpty()) {
      // spec: S3 answers a trailer body without x-amz-trailer with MalformedTrailerError
      // (versity/versitygw#1691)
      throw new SigV4Exception(
          SigV4Error.MALFORMED_TRAILER,
          "The request contained trailing data that was not well-formed or did not conform to our"
              + " published schema.");
    }
    return List.copyOf(names);
  }

  /** The one {@code x-amz-checksum-*} value to check, from a header or announced as a trailer. */
  private static Optional<S3Authentication.ExpectedChecksum> checksum(
      SignedRequest view, List<String> trailerNames) {
    List<S3Authentication.ExpectedChecksum> found = new ArrayList<>();
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      List<String> values = view.headerValues(algorithm.headerName());
      if (!values.isEmpty()) {
        String value = values.get(0);
        algorithm.decode(value); // InvalidRequest before any byte of the body is read
        found.add(new S3Authentication.ExpectedChecksum(algorithm, false, value));
      }
    }
    if (!view.headerValues(CRC64NVME).isEmpty()) {
      throw crc64nvme();
    }
    for (String name : trailerNames) {
      Optional<ChecksumAlgorithm> algorithm = ChecksumAlgorithm.forHeader(name);
      if (algorithm.isPresent()) {
        found.add(new S3Authentication.ExpectedChecksum(algorithm.get(), true, ""));
      } else if (name.equals(CRC64NVME)) {
        throw crc64nvme();
      } else {
        // spec: S3's text for an x-amz-trailer naming something it does not support (inference)
        throw new SigV4Exception(
            SigV4Error.INVALID_REQUEST,
            "The value specified in the x-amz-trailer header is not supported");
      }
    }
    if (found.size() > 1) {
      // spec: S3's text (versity/versitygw#1598)
      throw new SigV4Exception(
          SigV4Error.INVALID_REQUEST,
          "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    }
    return found.stream().findFirst();
  }

  private static SigV4Exception crc64nvme() {
    return new SigV4Exception(
        SigV4Error.NOT_IMPLEMENTED,
        "A header you provided implies functionality that is not implemented: the CRC64NVME"
            + " checksum");
  }

  private static boolean presignedShape(SignedRequest view) {
    Map<String, List<String>> query = SigV4.queryParameters(view.rawQuery());
    return query.containsKey(SigV4.X_AMZ_ALGORITHM)
        || query.containsKey(SigV4.X_AMZ_CREDENTIAL)
        || query.containsKey(Canonicalizer.SIGNATURE_PARAMETER);
  }

  /** The shared parser's and checks' IAM-style codes, as S3 names the same failures. */
  private static SigV4Exception translate(SigV4Exception e, boolean presigned) {
    SigV4Error s3 =
        switch (e.error()) {
          case INCOMPLETE_SIGNATURE ->
              presigned
                  ? SigV4Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR
                  : SigV4Error.AUTHORIZATION_HEADER_MALFORMED;
          case REQUEST_EXPIRED -> SigV4Error.ACCESS_DENIED;
          case INVALID_CLIENT_TOKEN_ID -> SigV4Error.INVALID_ACCESS_KEY_ID;
          default -> e.error();
        };
    return s3 == e.error() ? e : new SigV4Exception(s3, e.getMessage(), e.details());
  }
}
