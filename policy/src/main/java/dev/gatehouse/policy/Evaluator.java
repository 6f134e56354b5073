package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS evaluation logic as a pure function (spec: reference_policies_evaluation-logic, the
 * deny-allow page, and evaluation-logic-cross-account): denies first, in the order RCPs, SCPs,
 * resource-based, identity-based, permissions boundary, session policy; then the allows each layer
 * needs.
 */
public final class Evaluator {
  private Evaluator() {}

  /** Per-evaluation scratch: the denies found and the first allow of the last scan. */
  private static final class Scan {
    List<CompiledStatement> denies;
    CompiledStatement allow;
    PrincipalMatcher.Match match = PrincipalMatcher.Match.NONE;

    void deny(CompiledStatement ref) {
      if (denies == null) {
        denies = new ArrayList<>(2);
      }
      denies.add(ref);
    }
  }

  /** Decides {@code request} under {@code policies}. */
  public static Decision evaluate(AuthorizationRequest request, PolicySet policies) {
    Caller caller = request.caller();
    // spec: STS GetCallerIdentity: "No permissions are required to perform this operation",
    // even under an explicit deny.
    if (request.noPermissionNeeded()) {
      return NO_PERMISSION_NEEDED;
    }
    boolean hasIdentity =
        caller instanceof Caller.IamUser
            || caller instanceof Caller.IamRole
            || caller instanceof Caller.RoleSession
            || caller instanceof Caller.FederatedUser;
    boolean root = caller instanceof Caller.AccountRoot;
    // spec: SCPs limit principals of member accounts, the root user included; not anonymous
    // or service callers.
    boolean scpsApply = hasIdentity || root;
    boolean hasBoundary = hasIdentity && !policies.permissionBoundaries().isEmpty();
    boolean session = caller.isSession();
    Scan scan = new Scan();

    List<List<CompiledPolicy>> rcpLevels = policies.rcpLevels();
    for (int i = 0; i < rcpLevels.size(); i++) {
      scanAll(rcpLevels.get(i), request, scan);
    }
    List<CompiledStatement> scpAllows =
        policies.scpLevels().isEmpty() ? List.of() : new ArrayList<>(policies.scpLevels().size());
    boolean scpMissing = false;
    if (scpsApply) {
      List<List<CompiledPolicy>> scpLevels = policies.scpLevels();
      for (int i = 0; i < scpLevels.size(); i++) {
        CompiledStatement allow = scanAll(scpLevels.get(i), request, scan);
        if (allow == null) {
          scpMissing = true;
        } else {
          scpAllows.add(allow);
        }
      }
    }
    CompiledStatement resourceAllow = null;
    PrincipalMatcher.Match resourceMatch = PrincipalMatcher.Match.NONE;
    List<CompiledPolicy> resourcePolicies = policies.resourcePolicies();
    for (int i = 0; i < resourcePolicies.size(); i++) {
      scanResource(resourcePolicies.get(i), request, scan, hasBoundary);
      if (scan.match.compareTo(resourceMatch) > 0) {
        resourceMatch = scan.match;
        resourceAllow = scan.allow;
      }
    }
    CompiledStatement identityAllow =
        hasIdentity ? scanAll(policies.identityPolicies(), request, scan) : null;
    CompiledStatement boundaryAllow =
        hasBoundary ? scanAll(policies.permissionBoundaries(), request, scan) : null;
    CompiledStatement sessionAllow =
        session ? scanAll(policies.sessionPolicies(), request, scan) : null;

    if (scan.denies != null) {
      if (scan.denies.size() == 1) {
        return scan.denies.get(0).alone;
      }
      StatementRef[] refs = new StatementRef[scan.denies.size()];
      for (int i = 0; i < refs.length; i++) {
        refs[i] = scan.denies.get(i).ref;
      }
      return new Decision(Outcome.EXPLICITLY_DENIED, Decision.Basis.EXPLICIT_DENY, List.of(refs));
    }
    if (scpMissing) {
      return implicit(Decision.Basis.NO_SERVICE_CONTROL_POLICY_ALLOW);
    }

    boolean identityOk = root || identityAllow != null;
    boolean boundaryOk = !hasBoundary || boundaryAllow != null;
    boolean sessionOk;
    if (!session) {
      sessionOk = true;
    } else if (!policies.sessionPolicies().isEmpty()) {
      sessionOk = sessionAllow != null;
    } else {
      // spec: STS GetFederationToken: without a session policy the federated user session has
      // no permissions; a role session without one keeps the role's permissions.
      sessionOk = caller instanceof Caller.RoleSession;
    }
    boolean identityPath = (hasIdentity || root) && identityOk && boundaryOk && sessionOk;
    boolean resourcePath;
    switch (resourceMatch) {
      case DIRECT -> resourcePath = true;
      case ROLE -> resourcePath = boundaryOk && sessionOk;
      case EVERYONE -> resourcePath = boundaryOk;
      case ACCOUNT -> resourcePath = identityPath;
      default -> resourcePath = false;
    }
    boolean allowed;
    if (!hasIdentity && !root) {
      allowed = resourcePath; // anonymous and service callers: only a resource policy grants
    } else if (!request.sameAccount()) {
      // spec: cross-account: the caller's side and the resource's policy must both allow.
      allowed = identityPath && resourceMatch != PrincipalMatcher.Match.NONE;
    } else if (request.requiresResourcePolicy()) {
      // spec: role trust policies and KMS key policies must allow explicitly (A4).
      allowed = resourcePath;
    } else {
      allowed = identityPath || resourcePath;
    }
    if (allowed) {
      CompiledStatement identityUsed = identityPath ? identityAllow : null;
      CompiledStatement resourceUsed =
          resourcePath || !request.sameAccount() ? resourceAllow : null;
      int n =
          scpAllows.size()
              + count(identityUsed)
              + count(resourceUsed)
              + count(boundaryAllow)
              + count(sessionAllow);
      if (n == 1 && !root) {
        // The common case: one statement decides, and its decision is prebuilt.
        return first(
                scpAllows.isEmpty() ? null : scpAllows.get(0),
                identityUsed,
                resourceUsed,
                boundaryAllow,
                sessionAllow)
            .alone;
      }
      StatementRef[] refs = new StatementRef[n];
      int i = 0;
      for (CompiledStatement s : scpAllows) {
        refs[i++] = s.ref;
      }
      for (CompiledStatement s :
          new CompiledStatement[] {identityUsed, resourceUsed, boundaryAllow, sessionAllow}) {
        if (s != null) {
          refs[i++] = s.ref;
        }
      }
      Decision.Basis basis =
          root && n == scpAllows.size()
              ? Decision.Basis.ROOT_USER
              : Decision.Basis.ALLOWED_BY_POLICY;
      return new Decision(Outcome.ALLOWED, basis, List.of(refs));
    }
    if (!hasIdentity && !root) {
      return implicit(Decision.Basis.NO_RESOURCE_POLICY_ALLOW);
    }
    boolean needResource = !request.sameAccount() || request.requiresResourcePolicy();
    if (needResource && resourceMatch == PrincipalMatcher.Match.NONE && identityPath) {
      return implicit(Decision.Basis.NO_RESOURCE_POLICY_ALLOW);
    }
    if (!identityOk) {
      return implicit(
          needResource && resourceMatch == PrincipalMatcher.Match.NONE
              ? Decision.Basis.NO_RESOURCE_POLICY_ALLOW
              : Decision.Basis.NO_IDENTITY_POLICY_ALLOW);
    }
    if (!boundaryOk) {
      return implicit(Decision.Basis.NO_PERMISSIONS_BOUNDARY_ALLOW);
    }
    if (!sessionOk) {
      return implicit(Decision.Basis.NO_SESSION_POLICY_ALLOW);
    }
    return implicit(Decision.Basis.NO_RESOURCE_POLICY_ALLOW);
  }

  private static int count(CompiledStatement s) {
    return s == null ? 0 : 1;
  }

  /** The first of five that is set; one is. */
  private static CompiledStatement first(
      CompiledStatement a,
      CompiledStatement b,
      CompiledStatement c,
      CompiledStatement d,
      CompiledStatement e) {
    if (a != null) {
      return a;
    }
    if (b != null) {
      return b;
    }
    if (c != null) {
      return c;
    }
    return d != null ? d : e;
  }

  private static final Decision NO_PERMISSION_NEEDED =
      new Decision(Outcome.ALLOWED, Decision.Basis.NO_PERMISSION_NEEDED, List.of());
  private static final Map<Decision.Basis, Decision> IMPLICIT = new EnumMap<>(Decision.Basis.class);

  static {
    for (Decision.Basis b : Decision.Basis.values()) {
      IMPLICIT.put(b, new Decision(Outcome.IMPLICITLY_DENIED, b, List.of()));
    }
  }

  private static Decision implicit(Decision.Basis basis) {
    return IMPLICIT.get(basis);
  }

  /**
   * {@code sts:AssumeRole*} needs the trust policy; KMS needs the key policy (spec A4, A12).
   * Decided once per request, when it is built.
   */
  static boolean requiresResourcePolicy(AuthorizationRequest r) {
    String a = r.actionLower();
    return a.equals("sts:assumerole")
        || a.equals("sts:assumerolewithsaml")
        || a.equals("sts:assumerolewithwebidentity")
        || (r.service().equals("kms") && isKmsKey(r.resource()));
  }

  /**
   * A KMS key ARN ({@code arn:PARTITION:kms:REGION:ACCOUNT:key/ID}). spec: KMS key policies: "every
   * KMS key must have exactly one key policy"; actions on aliases or on no resource ({@code
   * kms:ListAliases}, {@code kms:CreateKey}) are controlled by IAM policies alone.
   */
  static boolean isKmsKey(String resource) {
    int colons = 0;
    for (int i = 0; i < resource.length(); i++) {
      if (resource.charAt(i) == ':' && ++colons == 5) {
        return resource.startsWith("key/", i + 1) && resource.startsWith("arn:");
      }
    }
    return false;
  }

  /** Scans identity-side policies; adds denies, returns the first matching allow or null. */
  private static CompiledStatement scanAll(
      List<CompiledPolicy> list, AuthorizationRequest r, Scan scan) {
    CompiledStatement allow = null;
    for (int p = 0; p < list.size(); p++) {
      for (CompiledStatement s : list.get(p).matching(r)) {
        if ((s.principals != null && !principalApplies(s, r.caller()))
            || (allow != null && !s.deny)
            || !s.appliesToResource(r)) {
          continue;
        }
        if (s.deny) {
          scan.deny(s);
        } else {
          allow = s;
        }
      }
    }
    return allow;
  }

  /** Scans a resource-based policy; sets the strongest principal match of its allows. */
  private static void scanResource(
      CompiledPolicy policy, AuthorizationRequest r, Scan scan, boolean hasBoundary) {
    scan.allow = null;
    scan.match = PrincipalMatcher.Match.NONE;
    for (CompiledStatement s : policy.matching(r)) {
      PrincipalMatcher.Match m;
      if (s.principals == null) {
        m = PrincipalMatcher.Match.NONE;
      } else if (s.notPrincipal) {
        // spec: permissions boundaries, "Important": a resource policy with NotPrincipal and
        // Deny always denies a principal that has a permissions boundary.
        boolean applies = !s.principals.excludes(r.caller()) || (s.deny && hasBoundary);
        m = applies ? PrincipalMatcher.Match.DIRECT : PrincipalMatcher.Match.NONE;
      } else {
        m = s.principals.match(r.caller());
      }
      if (m == PrincipalMatcher.Match.NONE || !s.appliesToResource(r)) {
        continue;
      }
      if (s.deny) {
        scan.deny(s);
      } else if (m.compareTo(scan.match) > 0) {
        scan.match = m;
        scan.allow = s;
      }
    }
  }

  private static boolean principalApplies(CompiledStatement s, Caller caller) {
    return s.notPrincipal
        ? !s.principals.excludes(caller)
        : s.principals.match(caller) != PrincipalMatcher.Match.NONE;
  }
}
