package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.AuthorizationView;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Adds managed session policies (AssumeRole/GetFederationToken PolicyArns) to the account views:
 * each ARN resolves to its default version now, so a new default version applies to live sessions
 * as it does to attached policies. Compiled once per version.
 *
 * <p>spec: STS AssumeRole, PolicyArns: "The policies must exist in the same account as the role"
 * (AWS managed policies included).
 */
public final class ManagedSessionPolicies implements Function<String, AuthorizationView> {
  private final Function<String, AuthorizationView> views;
  private final IamServices iam;
  private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();

  public ManagedSessionPolicies(Function<String, AuthorizationView> views, IamServices iam) {
    this.views = views;
    this.iam = iam;
  }

  @Override
  public AuthorizationView apply(String accountId) {
    AuthorizationView view = views.apply(accountId);
    return new AuthorizationView() {
      @Override
      public List<CompiledPolicy> identityPolicies(Principal principal) {
        return view.identityPolicies(principal);
      }

      @Override
      public Optional<CompiledPolicy> permissionsBoundary(Principal principal) {
        return view.permissionsBoundary(principal);
      }

      @Override
      public Map<String, String> principalTags(Principal principal) {
        return view.principalTags(principal);
      }

      @Override
      public Optional<String> path(String resourceType, String name) {
        return view.path(resourceType, name);
      }

      @Override
      public Map<String, String> resourceTags(String resourceType, String name) {
        return view.resourceTags(resourceType, name);
      }

      @Override
      public Optional<CompiledPolicy> managedPolicy(String policyArn) {
        return resolve(accountId, policyArn);
      }
    };
  }

  /** The policy at its default version, empty when it no longer exists. */
  public Optional<CompiledPolicy> resolve(String accountId, String policyArn) {
    try {
      ManagedPolicy policy = iam.managedPolicies().getPolicy(accountId, policyArn);
      String version = policy.defaultVersionId();
      String key = policy.id() + " " + version;
      CompiledPolicy found = compiled.get(key);
      if (found == null) {
        String document =
            iam.managedPolicies().getPolicyVersion(accountId, policyArn, version).document();
        // Parsed as AWS evaluates it: the 2,048-character limit of an inline session policy is not
        // a managed policy's (ReadOnlyAccess is far larger), and the document was validated when
        // it was written.
        found =
            CompiledPolicy.compile(
                Policy.parse(document, PolicyKind.SESSION, ValidationMode.EVALUATION),
                PolicyKind.SESSION,
                policyArn);
        compiled.put(key, found);
      }
      return Optional.of(found);
    } catch (GatehouseException | MalformedPolicyException e) {
      // Unknown, deleted or not compilable: the session then gets an empty policy in its place
      // (SessionContext), which narrows it to nothing rather than widening it.
      return Optional.empty();
    }
  }
}
