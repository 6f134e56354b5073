package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.Authorizer;

/**
 * Authorizes Gatehouse's revocation actions with the IAM authorizer: {@code
 * gatehouse:RevokeSession} and {@code gatehouse:RevokeUserSessions} as written, {@code
 * RevokeRoleSessions} as {@code iam:PutRolePolicy} on the role (what AWS's console action needs).
 */
public final class RevocationAuthorizer implements Authorizer {
  private final Authorizer iam;

  public RevocationAuthorizer(Authorizer iam) {
    this.iam = iam;
  }

  @Override
  public AuthorizationResult decide(AuthorizationRequest request) {
    if (!request.action().equals("gatehouse:RevokeRoleSessions")) {
      return iam.decide(request);
    }
    return iam.decide(request.withAction("iam:PutRolePolicy"));
  }
}
