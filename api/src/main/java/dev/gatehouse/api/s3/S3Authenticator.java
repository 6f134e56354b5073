package dev.gatehouse.api.s3;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Credentials;
import dev.gatehouse.api.SessionTokens;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.s3.S3Error;
import dev.gatehouse.core.s3.SignatureFacts;
import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.ParsedAuthorization;
import dev.gatehouse.sigv4.S3Authentication;
import dev.gatehouse.sigv4.S3SigV4Verifier;
import dev.gatehouse.sigv4.SecretAccessKey;
import dev.gatehouse.sigv4.SigV4Error;
import dev.gatehouse.sigv4.SigV4Exception;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * SigV4 for S3 in S3's order and words: a request without any authentication is anonymous (only a
 * bucket policy naming everyone can then allow it); otherwise the signature is parsed, the access
 * key (or the session token, opened by the same {@link SessionTokens} as IAM and STS, revocations
 * included) gives the secret, and S3's verifier checks everything but the body, which is checked
 * while it streams ({@link Identity#body}).
 */
public final class S3Authenticator {
  private final S3SigV4Verifier verifier;
  private final Credentials credentials;
  private final SessionTokens sessions;
  private final LastUse usage;
  private final Clock clock;
  private final Optional<String> devAccount;

  /**
   * @param devAccount in {@code --dev} mode, the account whose root unknown access keys act as
   */
  public S3Authenticator(
      S3SigV4Verifier verifier,
      Credentials credentials,
      SessionTokens sessions,
      LastUse usage,
      Clock clock,
      Optional<String> devAccount) {
    this.verifier = verifier;
    this.credentials = credentials;
    this.sessions = sessions;
    this.usage = usage;
    this.clock = clock;
    this.devAccount = devAccount;
  }

  /**
   * Who made a request, how (for S3's authentication condition keys), and the checks its body must
   * pass while it streams.
   */
  public record Identity(Caller caller, SignatureFacts facts, UnaryOperator<InputStream> body) {
    /** The body as the operation must read it: decoded and checked. */
    public InputStream body(InputStream wire) {
      return body.apply(wire);
    }

    /** Whether nobody signed the request. */
    public boolean anonymous() {
      return caller.principal() instanceof Principal.Anonymous;
    }
  }

  /**
   * What a request claims before it is checked: its access key id, empty when anonymous.
   *
   * @param signed the request as SigV4 reads it, built once for the parse and the check
   */
  public record Claim(
      String accessKeyId,
      Optional<ParsedAuthorization> authorization,
      dev.gatehouse.sigv4.S3Request signed) {}

  /**
   * Parses the request's authentication without checking it.
   *
   * @throws S3Refusal AuthorizationHeaderMalformed or AuthorizationQueryParametersError
   */
  public Claim claim(S3HttpRequest request) {
    dev.gatehouse.sigv4.S3Request signed = s3Request(request);
    try {
      ParsedAuthorization auth = S3SigV4Verifier.parse(signed);
      return new Claim(auth.accessKeyId(), Optional.of(auth), signed);
    } catch (SigV4Exception e) {
      if (e.error() == SigV4Error.MISSING_AUTHENTICATION_TOKEN) {
        return new Claim("", Optional.empty(), signed);
      }
      throw S3Refusal.from(e).orElseThrow();
    }
  }

  /**
   * Authenticates a request whose claim was read by {@link #claim}.
   *
   * @throws S3Refusal InvalidAccessKeyId, InvalidToken, ExpiredToken, SignatureDoesNotMatch,
   *     RequestTimeTooSkewed, AccessDenied (expired presigned URL)...
   */
  public Identity authenticate(S3HttpRequest request, Claim claim) {
    Optional<String> tls = request.secure() ? Optional.of("1.3") : Optional.empty();
    if (claim.authorization().isEmpty()) {
      return new Identity(
          new Caller(new Principal.Anonymous(), "", "us-east-1", S3SigV4Verifier.SERVICE),
          SignatureFacts.anonymous(tls),
          UnaryOperator.identity());
    }
    ParsedAuthorization auth = claim.authorization().get();
    Instant now = clock.instant();
    Principal principal;
    SecretAccessKey secret;
    if (auth.hasSessionToken()) {
      SessionClaims session = open(auth, now);
      principal = new Principal.Session(session);
      secret = new SecretAccessKey(session.secretAccessKey());
    } else {
      Optional<Credentials.Credential> found = credentials.find(auth.accessKeyId());
      if (found.isEmpty() && devAccount.isPresent()) {
        return identity(new Principal.Root(devAccount.get()), auth, now, tls, Optional.empty());
      }
      Credentials.Credential credential =
          found
              .filter(Credentials.Credential::active)
              .orElseThrow(() -> S3Refusal.of(S3Error.INVALID_ACCESS_KEY_ID));
      principal = credential.principal();
      secret = new SecretAccessKey(credential.secret());
    }
    S3Authentication verified;
    try {
      verified = verifier.verify(auth, claim.signed(), secret, now);
    } catch (SigV4Exception e) {
      throw S3Refusal.from(e).orElseThrow();
    }
    if (!auth.hasSessionToken()) {
      usage.used(auth.accessKeyId(), S3SigV4Verifier.SERVICE, auth.scope().region());
    }
    return identity(principal, auth, now, tls, Optional.of(verified));
  }

  private static Identity identity(
      Principal principal,
      ParsedAuthorization auth,
      Instant now,
      Optional<String> tls,
      Optional<S3Authentication> verified) {
    long age = Math.max(0, Duration.between(auth.requestTime(), now).toMillis());
    SignatureFacts facts =
        auth.presigned() ? SignatureFacts.queryString(age, tls) : SignatureFacts.header(age, tls);
    UnaryOperator<InputStream> body =
        verified.<UnaryOperator<InputStream>>map(v -> v::body).orElse(UnaryOperator.identity());
    return new Identity(
        new Caller(principal, auth.accessKeyId(), auth.scope().region(), S3SigV4Verifier.SERVICE),
        facts,
        body);
  }

  /**
   * The session of temporary credentials, with S3's codes: a token that does not open (garbled,
   * foreign, revoked) is InvalidToken, an expired one ExpiredToken.
   */
  private SessionClaims open(ParsedAuthorization auth, Instant now) {
    try {
      return sessions.open(auth.sessionToken(), auth.accessKeyId(), now);
    } catch (GatehouseException e) {
      if (e.code() == ErrorCode.EXPIRED_TOKEN) {
        throw S3Refusal.of(S3Error.EXPIRED_TOKEN);
      }
      throw S3Refusal.of(S3Error.INVALID_TOKEN);
    }
  }

  static dev.gatehouse.sigv4.S3Request s3Request(S3HttpRequest request) {
    List<Header> headers = new ArrayList<>(request.headers().size());
    for (Map.Entry<String, String> h : request.headers()) {
      headers.add(new Header(h.getKey(), h.getValue()));
    }
    return new dev.gatehouse.sigv4.S3Request(
        request.method(), request.rawPath(), request.rawQuery(), headers);
  }
}
