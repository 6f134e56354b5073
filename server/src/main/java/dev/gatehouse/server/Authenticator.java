package dev.gatehouse.server;

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
}
