package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Principal;
import java.util.Optional;

/**
 * What session credentials may call regardless of policies (AWS-FACTS 2.1).
 *
 * <p>spec: STS API Reference, GetSessionToken: "You cannot call any IAM API operations unless MFA
 * authentication information is included in the request. You cannot call any STS API except
 * AssumeRole or GetCallerIdentity." GetFederationToken: "You cannot call any IAM operations... You
 * cannot call any STS operations except GetCallerIdentity." AssumeRole: credentials "cannot call
 * GetFederationToken or GetSessionToken".
 */
public final class SessionLimits implements Authorizer {
  private final Authorizer next;

  /** Wraps the IAM authorizer. */
  public SessionLimits(Authorizer next) {
    this.next = next;
  }

  @Override
  public AuthorizationResult decide(AuthorizationRequest request) {
    Principal principal = request.principal();
    if (principal instanceof Principal.Session session) {
      SessionPrincipal p = session.claims().principal();
      boolean federated = p instanceof SessionPrincipal.FederatedUser;
      boolean tokenWithoutMfa =
          p instanceof SessionPrincipal.UserSession && !session.claims().mfa().isPresent();
      if (federated || tokenWithoutMfa) {
        return StsAuthorizer.denied(principal, request.action(), "*");
      }
    }
    return next.decide(request);
  }

  /** The refusal of an STS action a kind of session may not call, if it is one. */
  public static Optional<AuthorizationResult.Denied> checkSts(Principal principal, String action) {
    if (!(principal instanceof Principal.Session session)
        || action.equals("sts:GetCallerIdentity")) {
      return Optional.empty();
    }
    SessionPrincipal p = session.claims().principal();
    boolean allowed =
        switch (action) {
          case "sts:AssumeRole" -> !(p instanceof SessionPrincipal.FederatedUser);
          // The issuer refuses these with AWS's own message.
          case "sts:GetSessionToken", "sts:GetFederationToken" -> true;
          default -> p instanceof SessionPrincipal.AssumedRole;
        };
    return allowed ? Optional.empty() : Optional.of(StsAuthorizer.denied(principal, action, "*"));
  }
}
