package dev.gatehouse.api;

import java.util.function.Supplier;

/** SigV4 authentication: from a signed request to the caller. */
public interface Authenticator {
  /**
   * Authenticates the request.
   *
   * @throws dev.gatehouse.core.error.GatehouseException MissingAuthenticationToken,
   *     IncompleteSignature, SignatureDoesNotMatch, InvalidClientTokenId... in AWS's order
   */
  Caller authenticate(HttpRequestView request);

  /** The access key id a request claims, for the audit record of a failed authentication. */
  String claimedAccessKeyId(HttpRequestView request);

  /** The signing service a request's credential scope names, empty when it does not parse. */
  default String claimedService(HttpRequestView request) {
    return "";
  }

  /**
   * One request's authentication: what it claims, read once (the pipeline routes and audits by it
   * before authenticating), and the check itself. Implementations that parse the request override
   * this to parse it only once.
   */
  default Attempt attempt(HttpRequestView request) {
    return new Attempt(
        claimedAccessKeyId(request), claimedService(request), () -> authenticate(request));
  }

  /**
   * @param claimedAccessKeyId as {@link #claimedAccessKeyId}
   * @param claimedService as {@link #claimedService}
   * @param check authenticates (throws AWS's errors as {@link #authenticate} does)
   * @param signed false when the request carries no signature at all (no Authorization header, no
   *     signature in the query string): actions AWS serves unsigned accept it
   */
  record Attempt(
      String claimedAccessKeyId, String claimedService, Supplier<Caller> check, boolean signed) {
    /** A request that carries a signature (or claims to). */
    public Attempt(String claimedAccessKeyId, String claimedService, Supplier<Caller> check) {
      this(claimedAccessKeyId, claimedService, check, true);
    }

    Caller authenticate() {
      return check.get();
    }
  }
}
