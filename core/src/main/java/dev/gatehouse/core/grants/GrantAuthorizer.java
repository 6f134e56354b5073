package dev.gatehouse.core.grants;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.Authorizer;

/**
 * Authorizes the access-grant actions with IAM: each as written ({@code
 * gatehouse:ApproveAccessRequest} on the role's ARN...), except CreateAccessRequest, which is
 * {@code gatehouse:RequestAccess} on the role's ARN: the permission that says who may request a
 * role.
 */
public final class GrantAuthorizer implements Authorizer {
  /** The IAM action that lets a principal request a role. */
  public static final String REQUEST_ACCESS = "gatehouse:RequestAccess";

  private final Authorizer iam;

  public GrantAuthorizer(Authorizer iam) {
    this.iam = iam;
  }

  @Override
  public AuthorizationResult decide(AuthorizationRequest request) {
    if (request.action().equals("gatehouse:CreateAccessRequest")) {
      return iam.decide(request.withAction(REQUEST_ACCESS));
    }
    return iam.decide(request);
  }
}
