package dev.gatehouse.core.authz;

import dev.gatehouse.core.domain.PrincipalArn;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.Evaluator;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.PrincipalElement;
import dev.gatehouse.policy.PrincipalSet;
import dev.gatehouse.policy.PrincipalType;
import dev.gatehouse.policy.RequestContext;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.ValidationMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Authorizes the STS actions that act on a role ({@code sts:AssumeRole}, {@code sts:TagSession},
 * {@code sts:SetSourceIdentity}): the role's trust policy is the resource policy and the caller's
 * identity policies, boundary and session policies are the identity side (POLICY-SEMANTICS A4-A6,
 * A13). The engine decides: a trust naming the account root delegates to the caller's identity
 * policies; a trust naming the principal suffices alone in the same account; across accounts both
 * sides must allow.
 *
 * <p>Trust policies arrive in their stored form, which names users, roles and role sessions by
 * unique id (core's {@code TrustPrincipals}); the engine matches those ids against the caller's.
 */
public final class TrustAuthorizer {
  /** Compiled trust policies kept at most; when full, the map starts over. */
  static final int MAX_COMPILED = 4096;

  private final Function<String, AuthorizationView> views;

  /**
   * Trust policies compiled once, keyed by the document text itself: the same text always compiles
   * to the same policy, so an entry never goes stale (an updated trust policy is another key).
   */
  private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();

  /**
   * @param views the current view of an account, by account id
   */
  public TrustAuthorizer(Function<String, AuthorizationView> views) {
    this.views = views;
  }

  /**
   * Decides one action on the role.
   *
   * @param request the caller, the action ({@code sts:AssumeRole}), the request's own keys
   *     (sts:ExternalId, sts:RoleSessionName, aws:RequestTag/...), source address and time; its
   *     target is ignored
   * @param roleArn the role's ARN (with its path)
   * @param roleAccount the account owning the role
   * @param trustPolicy the role's trust policy document as stored (principals by unique id)
   * @return allowed, or denied with AWS's AssumeRole message
   */
  public AuthorizationResult decide(
      AuthorizationRequest request, String roleArn, String roleAccount, String trustPolicy) {
    Principal principal = request.principal();
    AuthorizationView view = views.apply(principal.accountId());
    Map<String, List<String>> keys = new LinkedHashMap<>(request.requestKeys());
    keys.put("aws:ResourceAccount", List.of(roleAccount));
    AuthorizationRequest withResource =
        new AuthorizationRequest(
            principal,
            request.action(),
            new Target.Arn(roleArn),
            keys,
            request.sourceIp(),
            request.secureTransport(),
            request.time());
    RequestContext context = RequestContexts.build(withResource, view, roleArn, "role");
    PolicySet policies =
        new PolicySet(
            view.identityPolicies(principal),
            List.of(compiled(trustPolicy)),
            view.permissionsBoundary(principal).map(List::of).orElse(List.of()),
            SessionContext.sessionPolicies(principal, view::managedPolicy),
            List.of(),
            List.of());
    dev.gatehouse.policy.Decision decision =
        Evaluator.evaluate(
            new dev.gatehouse.policy.AuthorizationRequest(
                SessionContext.caller(principal), request.action(), roleArn, roleAccount, context),
            policies);
    if (decision.outcome() != Outcome.ALLOWED) {
      // spec: STS AssumeRole AccessDenied, as the AWS CLI prints it: "User: <caller ARN> is not
      // authorized to perform: sts:AssumeRole on resource: <role ARN>".
      return IamAuthorizer.denied(
          decision,
          "User: "
              + principal.arn()
              + " is not authorized to perform: "
              + request.action()
              + " on resource: "
              + roleArn);
    }
    return new AuthorizationResult.Allowed(new Decision(roleArn, List.of(decision.basis().name())));
  }

  /**
   * Decides one action on the role.
   *
   * @throws dev.gatehouse.core.error.GatehouseException AccessDenied with AWS's AssumeRole message
   */
  public Decision authorize(
      AuthorizationRequest request, String roleArn, String roleAccount, String trustPolicy) {
    return decide(request, roleArn, roleAccount, trustPolicy).orThrow();
  }

  /** The compiled trust policy (parsing one costs more than the rest of an AssumeRole together). */
  CompiledPolicy compiled(String trustPolicy) {
    CompiledPolicy known = compiled.get(trustPolicy);
    if (known != null) {
      return known;
    }
    // Validated when written; parsed as AWS evaluates it, which accepts principals by unique id.
    CompiledPolicy fresh =
        CompiledPolicy.compile(
            unresolvedNameNoOne(
                Policy.parse(trustPolicy, PolicyKind.TRUST, ValidationMode.EVALUATION)),
            PolicyKind.TRUST,
            "trust policy");
    if (compiled.size() >= MAX_COMPILED) {
      compiled.clear();
    }
    compiled.put(trustPolicy, fresh);
    return fresh;
  }

  /**
   * INVARIANT: a user, role or session still named by ARN in a stored trust policy was never
   * resolved (written by an earlier version, e.g. on a node sharing the store, after this node's
   * start-up resolution). It names no one until resolved, as the id of a deleted principal names no
   * one: matching it by ARN would trust whoever holds that name now, deleted and recreated or not.
   * Dropping it from {@code Principal} trusts no one more; from {@code NotPrincipal} it exempts no
   * one.
   */
  static Policy unresolvedNameNoOne(Policy policy) {
    List<Statement> statements = new ArrayList<>();
    boolean changed = false;
    for (Statement s : policy.statements()) {
      PrincipalElement element = s.principal();
      PrincipalElement kept = element;
      if (element instanceof PrincipalElement.Principals p) {
        kept = new PrincipalElement.Principals(resolvedOnly(p.set()));
      } else if (element instanceof PrincipalElement.NotPrincipals n) {
        kept = new PrincipalElement.NotPrincipals(resolvedOnly(n.set()));
      }
      if (kept.equals(element)) {
        statements.add(s);
        continue;
      }
      changed = true;
      Statement rebuilt = new Statement(s.effect(), kept, s.action(), s.resource(), s.conditions());
      statements.add(s.sid().map(rebuilt::withSid).orElse(rebuilt));
    }
    if (!changed) {
      return policy;
    }
    Policy rebuilt = new Policy(policy.version(), statements);
    return policy.id().map(rebuilt::withId).orElse(rebuilt);
  }

  private static PrincipalSet resolvedOnly(PrincipalSet set) {
    if (!(set instanceof PrincipalSet.Named named)) {
      return set;
    }
    List<PrincipalSet.Entry> entries = new ArrayList<>();
    for (PrincipalSet.Entry e : named.entries()) {
      entries.add(
          e.type() == PrincipalType.AWS
              ? new PrincipalSet.Entry(
                  e.type(),
                  e.values().stream().filter(v -> PrincipalArn.parse(v).isEmpty()).toList())
              : e);
    }
    return new PrincipalSet.Named(entries);
  }

  /** How many compiled trust policies are held (for tests). */
  int compiledCount() {
    return compiled.size();
  }
}
