package dev.gatehouse.core.authz;

/** Decides whether a principal may perform an action on a resource. */
public interface Authorizer {
  /**
   * Returns the decision for an allowed request.
   *
   * @throws dev.gatehouse.core.error.GatehouseException AccessDenied with AWS's message when denied
   */
  Decision authorize(AuthorizationRequest request);
}
