package dev.gatehouse.core.authz;

/** Decides whether a principal may perform an action on a resource. */
public interface Authorizer {
  /** The decision, as a value: allowed, or denied with the engine's outcome and AWS's message. */
  AuthorizationResult decide(AuthorizationRequest request);

  /**
   * Returns the decision for an allowed request.
   *
   * @throws dev.gatehouse.core.error.GatehouseException AccessDenied with AWS's message when denied
   */
  default Decision authorize(AuthorizationRequest request) {
    return decide(request).orThrow();
  }
}
