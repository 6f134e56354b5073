package dev.gatehouse.core.authz;

import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.Evaluator;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.RequestContext;
import dev.gatehouse.policy.StatementRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Authorizes IAM calls the way AWS does: builds the request context (principal, resource, request
 * and environment keys), resolves the resource ARN from the Service Authorization Reference and
 * evaluates the caller's policies with the policy engine. The account root is allowed everything in
 * its own account (the engine's root rule).
 */
public final class IamAuthorizer implements Authorizer {
  private final Function<String, AuthorizationView> views;
  private final ServiceReference reference;

  /**
   * @param views the current view of an account, by account id (the newest published snapshot)
   */
  public IamAuthorizer(Function<String, AuthorizationView> views, ServiceReference reference) {
    this.views = views;
    this.reference = reference;
  }

  @Override
  public AuthorizationResult decide(AuthorizationRequest request) {
    Principal principal = request.principal();
    AuthorizationView view = views.apply(principal.accountId());
    String resourceArn = resourceArn(request, view);
    RequestContext context =
        RequestContexts.build(request, view, resourceArn, resourceType(request));
    dev.gatehouse.policy.Decision decision =
        Evaluator.evaluate(
            new dev.gatehouse.policy.AuthorizationRequest(
                caller(principal), request.action(), resourceArn, "", context),
            policies(principal, view, request.accountGrants()));
    if (decision.outcome() == Outcome.ALLOWED) {
      List<String> reason = new ArrayList<>();
      reason.add(decision.basis().name());
      for (StatementRef ref : decision.statements()) {
        reason.add(ref.describe());
      }
      return new AuthorizationResult.Allowed(new Decision(resourceArn, reason));
    }
    // spec: IAM User Guide, "Troubleshoot access denied error messages": "User: <arn> is not
    // authorized to perform: <action> on resource: <arn> because no identity-based policy allows
    // the <action> action" / "with an explicit deny in an identity-based policy".
    return denied(
        decision,
        "User: "
            + principal.arn()
            + " is not authorized to perform: "
            + request.action()
            + " on resource: "
            + resourceArn
            + " "
            + decision.reason(request.action()));
  }

  /** A denial by the engine, with the statements that decided it. */
  static AuthorizationResult.Denied denied(dev.gatehouse.policy.Decision decision, String message) {
    List<String> statements = new ArrayList<>();
    for (StatementRef ref : decision.statements()) {
      statements.add(ref.describe());
    }
    return new AuthorizationResult.Denied(
        decision.outcome(), AuthorizationResult.Basis.of(decision.basis()), statements, message);
  }

  private static PolicySet policies(
      Principal principal, AuthorizationView view, List<CompiledPolicy> grants) {
    List<CompiledPolicy> identity = view.identityPolicies(principal);
    if (!grants.isEmpty()) {
      identity = new ArrayList<>(identity);
      identity.addAll(grants);
    }
    Optional<CompiledPolicy> boundary = view.permissionsBoundary(principal);
    return new PolicySet(
        identity,
        List.of(),
        boundary.map(List::of).orElse(List.of()),
        SessionContext.sessionPolicies(principal, view::managedPolicy),
        List.of(),
        List.of());
  }

  static Caller caller(Principal principal) {
    return SessionContext.caller(principal);
  }

  private String resourceType(AuthorizationRequest request) {
    if (request.target() instanceof Target.Named named) {
      return named.resourceType();
    }
    return reference
        .action(request.action())
        .map(ServiceReference.ActionInfo::resourceType)
        .orElse("*");
  }

  /**
   * The ARN the policies' Resource elements are matched against: the reference's ARN format for the
   * resource type, with the entity's stored path when it exists.
   */
  String resourceArn(AuthorizationRequest request, AuthorizationView view) {
    Target target = request.target();
    if (target instanceof Target.Arn arn) {
      return arn.arn();
    }
    if (!(target instanceof Target.Named named)) {
      return "*";
    }
    String service = request.action().substring(0, request.action().indexOf(':'));
    String format =
        reference
            .arnFormat(service, named.resourceType())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no ARN format for " + service + ":" + named.resourceType()));
    String path = view.path(named.resourceType(), named.name()).orElse(named.requestedPath());
    String nameWithPath = path.substring(1) + named.name();
    String arn =
        format
            .replace("${Partition}", "aws")
            .replace("${Account}", request.principal().accountId());
    int variable = arn.indexOf("${");
    return arn.substring(0, variable) + nameWithPath;
  }

  /** For tests and the audit record: the keys a request would be evaluated with. */
  Map<String, List<String>> contextOf(AuthorizationRequest request) {
    AuthorizationView view = views.apply(request.principal().accountId());
    RequestContext context =
        RequestContexts.build(request, view, resourceArn(request, view), resourceType(request));
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (String key : context.keys()) {
      out.put(key, context.get(key).orElse(List.of()));
    }
    return out;
  }
}
