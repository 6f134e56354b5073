package dev.gatehouse.api;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.ParsedAuthorization;
import dev.gatehouse.sigv4.SecretAccessKey;
import dev.gatehouse.sigv4.SigV4;
import dev.gatehouse.sigv4.SigV4Error;
import dev.gatehouse.sigv4.SigV4Exception;
import dev.gatehouse.sigv4.SigV4Verifier;
import dev.gatehouse.sigv4.SignedRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SigV4 authentication in AWS's order (AWS-FACTS 1.4): parse the authorization (missing or
 * malformed), check scope and time (no secret needed), look up the access key (unknown or inactive
 * is InvalidClientTokenId), then verify the signature in constant time.
 */
public final class SigV4Authenticator implements Authenticator {
  /**
   * Regions a credential scope may name. IAM signs with us-east-1; against a custom endpoint, SDKs
   * sign with whatever region the client is configured for.
   */
  public static final Set<String> REGIONS =
      Set.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "ca-central-1",
          "ca-west-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-central-1",
          "eu-central-2",
          "eu-north-1",
          "eu-south-1",
          "eu-south-2",
          "ap-south-1",
          "ap-south-2",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-east-1",
          "sa-east-1",
          "me-south-1",
          "me-central-1",
          "af-south-1",
          "il-central-1",
          "mx-central-1",
          "us-gov-west-1",
          "us-gov-east-1",
          "cn-north-1",
          "cn-northwest-1");

  private final SigV4Verifier verifier;
  private final Credentials credentials;
  private final Clock clock;
  private final Optional<String> devAccount;
  private final SessionTokens sessions;
  private final LastUse usage;

  /**
   * @param devAccount in {@code --dev} mode, the account whose root unknown access keys act as
   */
  public SigV4Authenticator(
      SigV4Verifier verifier, Credentials credentials, Clock clock, Optional<String> devAccount) {
    this(verifier, credentials, clock, devAccount, SessionTokens.none(), LastUse.none());
  }

  /**
   * @param sessions opens the session tokens of temporary credentials
   * @param usage records the last use of long-term access keys
   */
  public SigV4Authenticator(
      SigV4Verifier verifier,
      Credentials credentials,
      Clock clock,
      Optional<String> devAccount,
      SessionTokens sessions,
      LastUse usage) {
    this.verifier = verifier;
    this.credentials = credentials;
    this.clock = clock;
    this.devAccount = devAccount;
    this.sessions = sessions;
    this.usage = usage;
  }

  @Override
  public Caller authenticate(HttpRequestView request) {
    return attempt(request).authenticate();
  }

  /** Hashes the body and parses the authorization once for routing, audit and verification. */
  @Override
  public Attempt attempt(HttpRequestView request) {
    SignedRequest signed;
    ParsedAuthorization auth;
    try {
      signed = signedRequest(request);
      auth = SigV4.parse(signed);
    } catch (SigV4Exception e) {
      return new Attempt(
          "", "", () -> failed(e), e.error() != SigV4Error.MISSING_AUTHENTICATION_TOKEN);
    } catch (RuntimeException e) {
      // Not one of SigV4's refusals: a fault, raised again where authentication runs.
      return new Attempt("", "", () -> rethrow(e));
    }
    return new Attempt(
        auth.accessKeyId(), auth.scope().service(), () -> authenticate(signed, auth));
  }

  private static Caller rethrow(RuntimeException e) {
    throw e;
  }

  private static Caller failed(SigV4Exception e) {
    throw new GatehouseException(code(e.error()), e.getMessage());
  }

  private Caller authenticate(SignedRequest signed, ParsedAuthorization auth) {
    try {
      Instant now = clock.instant();
      verifier.checkScopeAndTime(auth, now);
      if (auth.hasSessionToken()) {
        // Temporary credentials: the token carries the session (DESIGN decision 3); it is bound to
        // the ASIA key id, and its secret verifies the signature.
        SessionClaims claims = sessions.open(auth.sessionToken(), auth.accessKeyId(), now);
        verifier.verifyRest(auth, signed, new SecretAccessKey(claims.secretAccessKey()));
        return caller(new Principal.Session(claims), auth);
      }
      Optional<Credentials.Credential> found = credentials.find(auth.accessKeyId());
      if (found.isEmpty() && devAccount.isPresent()) {
        return caller(new Principal.Root(devAccount.get()), auth);
      }
      Credentials.Credential credential =
          found
              .filter(Credentials.Credential::active)
              .orElseThrow(SigV4Authenticator::invalidToken);
      verifier.verifyRest(auth, signed, new SecretAccessKey(credential.secret()));
      usage.used(auth.accessKeyId(), auth.scope().service(), auth.scope().region());
      return caller(credential.principal(), auth);
    } catch (SigV4Exception e) {
      throw new GatehouseException(code(e.error()), e.getMessage());
    }
  }

  private static Caller caller(Principal principal, ParsedAuthorization auth) {
    return new Caller(principal, auth.accessKeyId(), auth.scope().region(), auth.scope().service());
  }

  @Override
  public String claimedAccessKeyId(HttpRequestView request) {
    return attempt(request).claimedAccessKeyId();
  }

  @Override
  public String claimedService(HttpRequestView request) {
    return attempt(request).claimedService();
  }

  private static GatehouseException invalidToken() {
    return new GatehouseException(
        ErrorCode.INVALID_CLIENT_TOKEN_ID, SigV4Error.INVALID_TOKEN_MESSAGE);
  }

  static SignedRequest signedRequest(HttpRequestView request) {
    List<Header> headers = new ArrayList<>(request.headers().size());
    for (Map.Entry<String, String> h : request.headers()) {
      headers.add(new Header(h.getKey(), h.getValue()));
    }
    return SignedRequest.of(
        request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
  }

  /** The SigV4 layer's table mapped onto the one error table. */
  static ErrorCode code(SigV4Error error) {
    return switch (error) {
      case MISSING_AUTHENTICATION_TOKEN -> ErrorCode.MISSING_AUTHENTICATION_TOKEN;
      case INCOMPLETE_SIGNATURE -> ErrorCode.INCOMPLETE_SIGNATURE;
      case SIGNATURE_DOES_NOT_MATCH -> ErrorCode.SIGNATURE_DOES_NOT_MATCH;
      case REQUEST_EXPIRED -> ErrorCode.REQUEST_EXPIRED;
      // A body that does not match its declared hash is a signature failure for IAM and STS.
      case CONTENT_SHA256_MISMATCH -> ErrorCode.SIGNATURE_DOES_NOT_MATCH;
      case INVALID_CLIENT_TOKEN_ID -> ErrorCode.INVALID_CLIENT_TOKEN_ID;
      case EXPIRED_TOKEN -> ErrorCode.EXPIRED_TOKEN;
      // S3's codes come only from S3's verifier and body streams; should one reach IAM or STS,
      // it is refused in the Query protocol's words for the same failure.
      case AUTHORIZATION_HEADER_MALFORMED, AUTHORIZATION_QUERY_PARAMETERS_ERROR ->
          ErrorCode.INCOMPLETE_SIGNATURE;
      case ACCESS_DENIED -> ErrorCode.ACCESS_DENIED;
      case REQUEST_TIME_TOO_SKEWED, BAD_DIGEST -> ErrorCode.SIGNATURE_DOES_NOT_MATCH;
      case INVALID_ACCESS_KEY_ID -> ErrorCode.INVALID_CLIENT_TOKEN_ID;
      case INVALID_ARGUMENT,
          INVALID_REQUEST,
          INCOMPLETE_BODY,
          MALFORMED_TRAILER,
          INVALID_CHUNK_SIZE,
          MISSING_CONTENT_LENGTH,
          NOT_IMPLEMENTED ->
          ErrorCode.INVALID_PARAMETER_VALUE;
    };
  }
}
