package dev.gatehouse.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Signs requests as an AWS SDK does, in header or presigned mode. Used by tests, benchmarks and the
 * server's own tests; the verifier never depends on it.
 */
public final class Signer {
  /**
   * Headers signers leave out because proxies change them.
   *
   * <p>spec: aws-c-auth {@code source/aws_signing.c} skip list (AWS facts 1.2, SignedHeaders).
   */
  private static final Set<String> NEVER_SIGNED =
      Set.of(
          "authorization",
          "user-agent",
          "x-amzn-trace-id",
          "expect",
          "connection",
          "transfer-encoding",
          "upgrade",
          "sec-websocket-key",
          "sec-websocket-protocol",
          "sec-websocket-version");

  private final SigningKeyCache keys;

  public Signer(SigningKeyCache keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /**
   * Adds {@code X-Amz-Security-Token} (if any), {@code X-Amz-Date}, optionally {@code
   * x-amz-content-sha256}, then {@code Authorization}. The request must already carry {@code Host}.
   */
  public SigningResult signHeaders(
      SignedRequest request,
      SigningCredentials credentials,
      String region,
      String service,
      Instant time,
      SignerOptions options) {
    String amzDate = AmzDate.format(time);
    CredentialScope scope = CredentialScope.of(AmzDate.day(amzDate), region, service);
    SignedRequest toSign = request;
    if (credentials.hasSessionToken()) {
      toSign = toSign.withHeader(SigV4.X_AMZ_SECURITY_TOKEN, credentials.sessionToken());
    }
    toSign = toSign.withHeader(SigV4.X_AMZ_DATE, amzDate);
    if (options.addContentSha256()) {
      toSign = toSign.withHeader("x-amz-content-sha256", toSign.payloadHash());
    }
    List<String> signedHeaders = signedHeaderNames(toSign, options);
    String canonicalRequest =
        Canonicalizer.canonicalRequest(toSign, signedHeaders, options.pathStyle());
    String stringToSign = SignatureCalculator.stringToSign(amzDate, scope, canonicalRequest);
    String signature =
        SignatureCalculator.signature(keys.shared(credentials.secret(), scope), stringToSign);
    String authorization =
        SignatureCalculator.ALGORITHM
            + " Credential="
            + credentials.accessKeyId()
            + "/"
            + scope.value()
            + ", SignedHeaders="
            + String.join(";", signedHeaders)
            + ", Signature="
            + signature;
    return new SigningResult(
        toSign.withHeader(SigV4.AUTHORIZATION, authorization),
        canonicalRequest,
        stringToSign,
        signature);
  }

  /**
   * Appends {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code
   * X-Amz-SignedHeaders}, {@code X-Amz-Expires}, {@code X-Amz-Security-Token} (if any) and {@code
   * X-Amz-Signature} to the query string. Every header present (except the never-signed ones) is
   * signed; the payload line is the hash of the body.
   */
  public SigningResult presign(
      SignedRequest request,
      SigningCredentials credentials,
      String region,
      String service,
      Instant time,
      Duration expires,
      SignerOptions options) {
    String amzDate = AmzDate.format(time);
    CredentialScope scope = CredentialScope.of(AmzDate.day(amzDate), region, service);
    List<String> signedHeaders = signedHeaderNames(request, options);
    String authQuery =
        param(SigV4.X_AMZ_ALGORITHM, SignatureCalculator.ALGORITHM)
            + "&"
            + param(SigV4.X_AMZ_CREDENTIAL, credentials.accessKeyId() + "/" + scope.value())
            + "&"
            + param(SigV4.X_AMZ_DATE, amzDate)
            + "&"
            + param(SigV4.X_AMZ_SIGNED_HEADERS, String.join(";", signedHeaders))
            + "&"
            + param(SigV4.X_AMZ_EXPIRES, Long.toString(expires.toSeconds()));
    String tokenQuery =
        credentials.hasSessionToken()
            ? "&" + param(SigV4.X_AMZ_SECURITY_TOKEN, credentials.sessionToken())
            : "";
    String prefix = request.rawQuery().isEmpty() ? "" : request.rawQuery() + "&";
    String signedQuery = prefix + authQuery + (options.signSessionToken() ? tokenQuery : "");
    SignedRequest toSign = request.withRawQuery(signedQuery);
    String canonicalRequest =
        Canonicalizer.canonicalRequest(toSign, signedHeaders, options.pathStyle());
    String stringToSign = SignatureCalculator.stringToSign(amzDate, scope, canonicalRequest);
    String signature =
        SignatureCalculator.signature(keys.shared(credentials.secret(), scope), stringToSign);
    String finalQuery =
        prefix + authQuery + tokenQuery + "&" + param(Canonicalizer.SIGNATURE_PARAMETER, signature);
    return new SigningResult(
        request.withRawQuery(finalQuery), canonicalRequest, stringToSign, signature);
  }

  private static List<String> signedHeaderNames(SignedRequest request, SignerOptions options) {
    TreeSet<String> names = new TreeSet<>();
    for (String name : request.lowerCaseHeaderNames()) {
      boolean appendedToken = name.equals("x-amz-security-token") && !options.signSessionToken();
      if (!NEVER_SIGNED.contains(name) && !appendedToken) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  private static String param(String name, String value) {
    return UriEncoding.encode(name, false) + "=" + UriEncoding.encode(value, false);
  }
}
