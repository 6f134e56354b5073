package dev.gatehouse.core.authz;

import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the authorizer reads about one account: an immutable view over the account's compiled
 * snapshot (DESIGN decision 5), so authorization never touches the store.
 */
public interface AuthorizationView {
  /**
   * The principal's identity-based policies: for a user its inline and attached policies and those
   * of its groups (spec: IAM User Guide, "Policy evaluation logic", identity-based policies).
   */
  List<CompiledPolicy> identityPolicies(Principal principal);

  /** The principal's permissions boundary, if it has one. */
  Optional<CompiledPolicy> permissionsBoundary(Principal principal);

  /** The principal's tags (aws:PrincipalTag/...). */
  Map<String, String> principalTags(Principal principal);

  /**
   * The condition keys of the principal that depend only on it and this view (its ARN, ids, type
   * and tags). A view over an immutable snapshot may keep them: a change publishes a new snapshot,
   * hence a new view.
   */
  default RequestContext principalContext(Principal principal) {
    return RequestContexts.principalKeys(principal, this);
  }

  /** The stored path of an existing entity ({@code user}, {@code role}, {@code group}...). */
  Optional<String> path(String resourceType, String name);

  /** The tags of an existing entity (aws:ResourceTag/...). */
  Map<String, String> resourceTags(String resourceType, String name);

  /**
   * A managed policy of this account or AWS's at its default version, for managed session policies
   * (PolicyArns); empty when unknown.
   */
  default Optional<CompiledPolicy> managedPolicy(String policyArn) {
    return Optional.empty();
  }
}
