package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Decision;

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
  public Decision authorize(AuthorizationRequest request) {
    if (!request.action().equals("gatehouse:RevokeRoleSessions")) {
      return iam.authorize(request);
    }
    return iam.authorize(
        new AuthorizationRequest(
            request.principal(),
            "iam:PutRolePolicy",
            request.target(),
            request.requestKeys(),
            request.sourceIp(),
            request.secureTransport(),
            request.time()));
  }
}
