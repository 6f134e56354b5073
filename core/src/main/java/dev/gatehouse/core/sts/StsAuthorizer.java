package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.authz.TrustAuthorizer;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import java.util.Optional;

/**
 * Authorizes STS actions. Actions on a role go through its trust policy ({@link TrustAuthorizer}),
 * once per action the request implies (sts:AssumeRole, plus sts:TagSession with session tags and
 * sts:SetSourceIdentity with a source identity: POLICY-SEMANTICS A13); GetCallerIdentity and
 * GetSessionToken need no permission; the rest are identity-policy actions.
 *
 * <p>spec: STS API Reference: GetCallerIdentity "No permissions are required"; GetSessionToken "No
 * permissions are required for users to perform this operation"; AssumeRole "Using Session Tags"
 * (sts:TagSession) and "SourceIdentity" (sts:SetSourceIdentity).
 */
public final class StsAuthorizer implements Authorizer {
  private final Authorizer identity;
  private final TrustAuthorizer trust;
  private final SessionIssuer issuer;

  public StsAuthorizer(Authorizer identity, TrustAuthorizer trust, SessionIssuer issuer) {
    this.identity = identity;
    this.trust = trust;
    this.issuer = issuer;
  }

  @Override
  public Decision authorize(AuthorizationRequest request) {
    SessionLimits.checkSts(request.principal(), request.action());
    return switch (request.action()) {
      case "sts:GetCallerIdentity", "sts:GetSessionToken" ->
          new Decision("*", List.of("NO_PERMISSION_NEEDED"));
      case "sts:AssumeRole" -> assumeRole(request);
      default -> identity.authorize(request);
    };
  }

  private Decision assumeRole(AuthorizationRequest request) {
    String roleArn = ((Target.Arn) request.target()).arn();
    if (isRoot(request.principal())) {
      // spec: STS API Reference, AssumeRole: "You cannot use AWS account root user credentials to
      // call AssumeRole"; AWS answers AccessDenied with this message, whatever the trust policy.
      throw new GatehouseException(
          ErrorCode.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
    }
    Optional<Role> role = issuer.role(roleArn);
    if (role.isEmpty()) {
      // AWS does not tell a missing role from a refusing one.
      throw denied(request.principal(), request.action(), roleArn);
    }
    Decision decision =
        trust.authorize(
            request,
            role.get().arn(),
            role.get().accountId(),
            role.get().assumeRolePolicyDocument());
    if (request.requestKeys().containsKey("aws:TagKeys")) {
      trust.authorize(
          with(request, "sts:TagSession"),
          role.get().arn(),
          role.get().accountId(),
          role.get().assumeRolePolicyDocument());
    }
    if (request.requestKeys().containsKey("sts:SourceIdentity")) {
      trust.authorize(
          with(request, "sts:SetSourceIdentity"),
          role.get().arn(),
          role.get().accountId(),
          role.get().assumeRolePolicyDocument());
    }
    return decision;
  }

  /** The root user, with its long-term keys or a GetSessionToken session of its own. */
  private static boolean isRoot(Principal principal) {
    return principal instanceof Principal.Root
        || (principal instanceof Principal.Session session
            && session.claims().principal() instanceof SessionPrincipal.UserSession user
            && user.isRoot());
  }

  private static AuthorizationRequest with(AuthorizationRequest request, String action) {
    return new AuthorizationRequest(
        request.principal(),
        action,
        request.target(),
        request.requestKeys(),
        request.sourceIp(),
        request.secureTransport(),
        request.time());
  }

  public static GatehouseException denied(Principal principal, String action, String resource) {
    return new GatehouseException(
        ErrorCode.ACCESS_DENIED,
        "User: "
            + principal.arn()
            + " is not authorized to perform: "
            + action
            + " on resource: "
            + resource);
  }
}
