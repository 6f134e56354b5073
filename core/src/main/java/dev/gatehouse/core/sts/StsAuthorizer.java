package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.FederatedTrust;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.authz.TrustAuthorizer;
import dev.gatehouse.core.domain.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final FederatedTrust federated;
  private final RoleGrants grants;

  public StsAuthorizer(Authorizer identity, TrustAuthorizer trust, SessionIssuer issuer) {
    this(identity, trust, issuer, RoleGrants.none());
  }

  /**
   * @param grants the access grants a role may require (DESIGN.md decision 12): without a live one
   *     AssumeRole is refused whatever the trust policy says; with one, the trust policy sees
   *     {@link RoleGrants#GRANT_ID_KEY}
   */
  public StsAuthorizer(
      Authorizer identity, TrustAuthorizer trust, SessionIssuer issuer, RoleGrants grants) {
    this.identity = identity;
    this.trust = trust;
    this.issuer = issuer;
    this.federated = new FederatedTrust(trust);
    this.grants = grants;
  }

  @Override
  public AuthorizationResult decide(AuthorizationRequest request) {
    if (request.target() instanceof Target.FederatedRole role) {
      // The token or assertion is the authentication; whoever signed (if anyone) is not asked.
      return assumeRoleFederated(role.assumption(), request);
    }
    Optional<AuthorizationResult.Denied> limited =
        SessionLimits.checkSts(request.principal(), request.action());
    if (limited.isPresent()) {
      return limited.get();
    }
    return switch (request.action()) {
      case "sts:GetCallerIdentity", "sts:GetSessionToken" ->
          new AuthorizationResult.Allowed(new Decision("*", List.of("NO_PERMISSION_NEEDED")));
      case "sts:AssumeRole" -> assumeRole(request);
      default -> identity.decide(request);
    };
  }

  private AuthorizationResult assumeRole(AuthorizationRequest asked) {
    AuthorizationRequest request = asked;
    String roleArn = ((Target.Arn) request.target()).arn();
    if (isRoot(request.principal())) {
      // spec: STS API Reference, AssumeRole: "You cannot use AWS account root user credentials to
      // call AssumeRole"; AWS answers AccessDenied with this message, whatever the trust policy.
      return AuthorizationResult.Denied.byRule("Roles may not be assumed by root accounts.");
    }
    Optional<Role> role = issuer.role(roleArn);
    if (role.isEmpty()) {
      // AWS does not tell a missing role from a refusing one.
      return denied(request.principal(), request.action(), roleArn);
    }
    Role r = role.get();
    GrantCheck grant = grants.check(request.principal(), r, request.time());
    if (grant instanceof GrantCheck.Missing missing) {
      return AuthorizationResult.Denied.byRule(missing.message());
    }
    if (grant instanceof GrantCheck.Live live) {
      Map<String, List<String>> keys = new HashMap<>(request.requestKeys());
      keys.put(RoleGrants.GRANT_ID_KEY, List.of(live.grantId()));
      request =
          new AuthorizationRequest(
              request.principal(),
              request.action(),
              request.target(),
              keys,
              request.sourceIp(),
              request.secureTransport(),
              request.time(),
              request.accountGrants());
    }
    AuthorizationResult decision =
        trust.decide(request, r.arn(), r.accountId(), r.assumeRolePolicyDocument());
    // Each further action the request implies must be allowed too; the first denial decides.
    if (decision.allowed() && request.requestKeys().containsKey("aws:TagKeys")) {
      AuthorizationResult tagging =
          trust.decide(
              request.withAction("sts:TagSession"),
              r.arn(),
              r.accountId(),
              r.assumeRolePolicyDocument());
      if (!tagging.allowed()) {
        return tagging;
      }
    }
    if (decision.allowed() && request.requestKeys().containsKey("sts:SourceIdentity")) {
      AuthorizationResult identifying =
          trust.decide(
              request.withAction("sts:SetSourceIdentity"),
              r.arn(),
              r.accountId(),
              r.assumeRolePolicyDocument());
      if (!identifying.allowed()) {
        return identifying;
      }
    }
    return decision;
  }

  /**
   * A federated caller's role assumption: the role must exist and its trust policy must let the
   * provider's principal in, for the call's action only (AWS answers the same AccessDenied for a
   * missing role as for a refusing trust policy).
   */
  private AuthorizationResult assumeRoleFederated(
      FederatedAssumption in, AuthorizationRequest request) {
    if (!request.action().equals(in.action())) {
      return AuthorizationResult.Denied.byRule("Not authorized to perform " + request.action());
    }
    Optional<Role> role = issuer.role(in.session().roleArn());
    if (role.isEmpty()) {
      return AuthorizationResult.Denied.byRule("Not authorized to perform " + in.action());
    }
    if (!(grants.check(request.principal(), role.get(), request.time())
        instanceof GrantCheck.NotRequired)) {
      // A role that requires grants is assumed by the grant's requester only (DESIGN.md decision
      // 12); a federated caller holds no grant.
      return AuthorizationResult.Denied.byRule(
          "Not authorized to perform "
              + in.action()
              + ": the role requires an approved access grant, which a federated caller cannot"
              + " hold");
    }
    return federated.decide(
        in, role.get(), request.sourceIp(), request.secureTransport(), request.time());
  }

  /** The root user, with its long-term keys or a GetSessionToken session of its own. */
  private static boolean isRoot(Principal principal) {
    return principal instanceof Principal.Root
        || (principal instanceof Principal.Session session
            && session.claims().principal() instanceof SessionPrincipal.UserSession user
            && user.isRoot());
  }

  /** AWS's refusal of an STS action, as STS words it (no reason clause). */
  public static AuthorizationResult.Denied denied(
      Principal principal, String action, String resource) {
    return AuthorizationResult.Denied.byRule(
        "User: "
            + principal.arn()
            + " is not authorized to perform: "
            + action
            + " on resource: "
            + resource);
  }
}
