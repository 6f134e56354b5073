package dev.gatehouse.core.authz;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.sts.FederatedAssumption;
import dev.gatehouse.core.sts.SessionTag;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.Evaluator;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.RequestContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a role's trust policy lets a federated caller in (AssumeRoleWithWebIdentity,
 * AssumeRoleWithSAML). No IAM principal signed the call, so only the trust policy speaks: it must
 * allow the action for {@code Principal: {"Federated": PROVIDER}}, under the provider's condition
 * keys and the request's own; then {@code sts:TagSession} when the provider passes session tags and
 * {@code sts:SetSourceIdentity} when it passes a source identity (POLICY-SEMANTICS A13).
 *
 * <p>spec: IAM User Guide, "Creating a role for web identity or OpenID Connect federation" and
 * "Creating a role for SAML 2.0 federation" (trust policy shapes), "Available keys for AWS OIDC
 * federation"; STS API Reference: a refusal is AccessDenied "Not authorized to perform
 * sts:AssumeRoleWithWebIdentity" (resp. sts:AssumeRoleWithSAML).
 */
public final class FederatedTrust {
  private final TrustAuthorizer trust;

  /**
   * @param trust compiles (and caches) the trust policies
   */
  public FederatedTrust(TrustAuthorizer trust) {
    this.trust = trust;
  }

  /**
   * @param sourceIp the caller's address ({@code aws:SourceIp})
   * @param secure whether the call came over TLS ({@code aws:SecureTransport})
   * @param time when the call arrived
   * @return allowed, or denied with AWS's message
   */
  public AuthorizationResult decide(
      FederatedAssumption in, Role role, String sourceIp, boolean secure, Instant time) {
    Map<String, List<String>> keys = keys(in, role, sourceIp, secure, time);
    AuthorizationResult decision = evaluate(in, role, in.action(), keys);
    if (decision.allowed() && keys.containsKey("aws:TagKeys")) {
      decision = evaluate(in, role, "sts:TagSession", keys);
    }
    if (decision.allowed() && keys.containsKey("sts:SourceIdentity")) {
      decision = evaluate(in, role, "sts:SetSourceIdentity", keys);
    }
    return decision;
  }

  private AuthorizationResult evaluate(
      FederatedAssumption in, Role role, String action, Map<String, List<String>> keys) {
    RequestContext.Builder ctx = RequestContext.builder();
    keys.forEach(ctx::putAll);
    dev.gatehouse.policy.Decision decision =
        Evaluator.evaluate(
            new dev.gatehouse.policy.AuthorizationRequest(
                new Caller.FederatedPrincipal(in.federatedPrincipal()),
                action,
                role.arn(),
                role.accountId(),
                ctx.build()),
            new PolicySet(
                List.of(),
                List.of(trust.compiled(role.assumeRolePolicyDocument())),
                List.of(),
                List.of(),
                List.of(),
                List.of()));
    if (decision.outcome() != Outcome.ALLOWED) {
      // The refusal names the call's own action, whichever implied action was refused.
      return IamAuthorizer.denied(decision, "Not authorized to perform " + in.action());
    }
    return new AuthorizationResult.Allowed(
        new Decision(role.arn(), List.of(decision.basis().name())));
  }

  /** The provider's keys, the request's keys and the environment's. */
  private static Map<String, List<String>> keys(
      FederatedAssumption in, Role role, String sourceIp, boolean secure, Instant time) {
    Map<String, List<String>> keys = new LinkedHashMap<>(in.providerKeys());
    keys.put("aws:SourceIp", List.of(sourceIp));
    keys.put("aws:SecureTransport", List.of(Boolean.toString(secure)));
    keys.put(
        "aws:CurrentTime",
        List.of(DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS))));
    keys.put("aws:EpochTime", List.of(Long.toString(time.getEpochSecond())));
    keys.put("aws:ResourceAccount", List.of(role.accountId()));
    keys.put("aws:PrincipalIsAWSService", List.of("false"));
    keys.put("sts:RoleSessionName", List.of(in.session().sessionName()));
    if (!in.session().tags().isEmpty()) {
      List<String> names = new ArrayList<>();
      for (SessionTag t : in.session().tags()) {
        keys.put("aws:RequestTag/" + t.key(), List.of(t.value()));
        names.add(t.key());
      }
      keys.put("aws:TagKeys", names);
      if (!in.session().transitiveTagKeys().isEmpty()) {
        keys.put("sts:TransitiveTagKeys", in.session().transitiveTagKeys());
      }
    }
    if (!in.session().sourceIdentity().isEmpty()) {
      keys.put("sts:SourceIdentity", List.of(in.session().sourceIdentity()));
    }
    return keys;
  }
}
