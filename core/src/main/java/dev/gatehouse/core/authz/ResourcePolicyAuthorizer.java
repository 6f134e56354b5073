package dev.gatehouse.core.authz;

import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.Evaluator;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.RequestContext;
import dev.gatehouse.policy.StatementRef;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Authorizes an action on a resource that has a resource-based policy (an S3 bucket policy): the
 * caller's identity policies, boundary and session policies are the identity side, the resource's
 * policies the resource side, and the engine applies AWS's rules (POLICY-SEMANTICS A4-A6, D6): in
 * the same account either side may allow; across accounts both must; an anonymous caller is allowed
 * only by a resource policy naming everyone; an explicit deny anywhere wins.
 */
public final class ResourcePolicyAuthorizer {
  private final Function<String, AuthorizationView> views;

  /**
   * @param views the current view of an account, by account id
   */
  public ResourcePolicyAuthorizer(Function<String, AuthorizationView> views) {
    this.views = views;
  }

  /**
   * An unsigned request, as the engine sees it.
   *
   * @param requestKeys condition keys the request carries, names as AWS spells them
   */
  public record AnonymousRequest(
      String action,
      Map<String, List<String>> requestKeys,
      String sourceIp,
      boolean secureTransport,
      Instant time) {
    public AnonymousRequest {
      Objects.requireNonNull(action, "action");
      requestKeys = Map.copyOf(requestKeys);
      Objects.requireNonNull(sourceIp, "sourceIp");
      Objects.requireNonNull(time, "time");
    }
  }

  /**
   * The resource acted on.
   *
   * @param arn the resource's ARN ({@code *} when the action has none)
   * @param account the account owning the resource (aws:ResourceAccount)
   * @param policies the resource's policies; empty when it has none
   */
  public record Resource(String arn, String account, List<CompiledPolicy> policies) {
    public Resource {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(account, "account");
      policies = List.copyOf(policies);
    }
  }

  /**
   * Decides a signed caller's request; its target is ignored for {@code resource}.
   *
   * @return allowed, or denied with AWS's message ("User: ARN is not authorized to perform: ACTION
   *     on resource: "ARN" because ...")
   */
  public AuthorizationResult decide(AuthorizationRequest request, Resource resource) {
    Principal principal = request.principal();
    AuthorizationView view = views.apply(principal.accountId());
    Map<String, List<String>> keys = new LinkedHashMap<>(request.requestKeys());
    if (!resource.arn().equals("*")) {
      keys.put("aws:ResourceAccount", List.of(resource.account()));
    }
    AuthorizationRequest located =
        new AuthorizationRequest(
            principal,
            request.action(),
            new Target.Arn(resource.arn()),
            keys,
            request.sourceIp(),
            request.secureTransport(),
            request.time());
    RequestContext context = RequestContexts.build(located, view, resource.arn(), "");
    PolicySet policies =
        new PolicySet(
            view.identityPolicies(principal),
            resource.policies(),
            view.permissionsBoundary(principal).map(List::of).orElse(List.of()),
            SessionContext.sessionPolicies(principal, view::managedPolicy),
            List.of(),
            List.of());
    dev.gatehouse.policy.Decision decision =
        Evaluator.evaluate(
            new dev.gatehouse.policy.AuthorizationRequest(
                SessionContext.caller(principal),
                request.action(),
                resource.arn(),
                resource.account(),
                context),
            policies);
    if (decision.outcome() != Outcome.ALLOWED) {
      // spec: S3 User Guide, "Troubleshoot access denied (403 Forbidden) errors": "User: <arn> is
      // not authorized to perform: s3:GetObject on resource: "<arn>" because no identity-based
      // policy allows the s3:GetObject action" (S3 quotes the resource).
      return IamAuthorizer.denied(
          decision,
          "User: "
              + principal.arn()
              + " is not authorized to perform: "
              + request.action()
              + " on resource: \""
              + resource.arn()
              + "\" "
              + decision.reason(request.action()));
    }
    return allowed(resource.arn(), decision);
  }

  /**
   * Decides an unsigned request: only a resource policy statement naming everyone can allow it.
   *
   * @return allowed, or denied with S3's anonymous message "Access Denied"
   */
  public AuthorizationResult decideAnonymous(AnonymousRequest request, Resource resource) {
    RequestContext.Builder ctx = RequestContext.builder();
    // spec: POLICY-SEMANTICS, principal keys of anonymous requests: aws:userid and
    // aws:PrincipalType are present; no principal ARN, tags or username.
    ctx.put("aws:userid", "anonymous");
    ctx.put("aws:PrincipalType", "Anonymous");
    ctx.put("aws:PrincipalAccount", "anonymous");
    ctx.put("aws:PrincipalIsAWSService", "false");
    ctx.put("aws:SourceIp", request.sourceIp());
    ctx.put("aws:SecureTransport", Boolean.toString(request.secureTransport()));
    ctx.put(
        "aws:CurrentTime",
        DateTimeFormatter.ISO_INSTANT.format(request.time().truncatedTo(ChronoUnit.SECONDS)));
    ctx.put("aws:EpochTime", Long.toString(request.time().getEpochSecond()));
    ctx.put("aws:ViaAWSService", "false");
    if (!resource.arn().equals("*")) {
      ctx.put("aws:ResourceAccount", resource.account());
    }
    for (Map.Entry<String, List<String>> key : request.requestKeys().entrySet()) {
      ctx.putAll(key.getKey(), key.getValue());
    }
    dev.gatehouse.policy.Decision decision =
        Evaluator.evaluate(
            new dev.gatehouse.policy.AuthorizationRequest(
                new Caller.Anonymous(),
                request.action(),
                resource.arn(),
                resource.account(),
                ctx.build()),
            new PolicySet(
                List.of(), resource.policies(), List.of(), List.of(), List.of(), List.of()));
    if (decision.outcome() != Outcome.ALLOWED) {
      return IamAuthorizer.denied(decision, "Access Denied");
    }
    return allowed(resource.arn(), decision);
  }

  private static AuthorizationResult allowed(String arn, dev.gatehouse.policy.Decision decision) {
    List<String> reason = new ArrayList<>();
    reason.add(decision.basis().name());
    for (StatementRef ref : decision.statements()) {
      reason.add(ref.describe());
    }
    return new AuthorizationResult.Allowed(new Decision(arn, reason));
  }
}
