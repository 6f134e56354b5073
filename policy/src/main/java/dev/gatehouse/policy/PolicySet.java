package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Every policy that bears on one request. Empty lists mean "none": no resource policy, no
 * permissions boundary, no session policy passed, not in an organization (no SCP levels), no RCPs
 * beyond the implicit {@code RCPFullAWSAccess}.
 *
 * @param identityPolicies the caller's identity-based policies (user, its groups, or role)
 * @param resourcePolicies the resource's policy (a role's trust policy for {@code sts:AssumeRole})
 * @param permissionBoundaries the caller's permissions boundary, if any
 * @param sessionPolicies the session policies passed when the session was created
 * @param scpLevels SCPs per organization level, root first; empty outside an organization
 * @param rcpLevels RCPs per organization level of the resource's account
 */
public record PolicySet(
    List<CompiledPolicy> identityPolicies,
    List<CompiledPolicy> resourcePolicies,
    List<CompiledPolicy> permissionBoundaries,
    List<CompiledPolicy> sessionPolicies,
    List<List<CompiledPolicy>> scpLevels,
    List<List<CompiledPolicy>> rcpLevels) {

  public PolicySet {
    identityPolicies = List.copyOf(identityPolicies);
    resourcePolicies = List.copyOf(resourcePolicies);
    permissionBoundaries = List.copyOf(permissionBoundaries);
    sessionPolicies = List.copyOf(sessionPolicies);
    scpLevels = deepCopy(scpLevels);
    rcpLevels = deepCopy(rcpLevels);
  }

  private static List<List<CompiledPolicy>> deepCopy(List<List<CompiledPolicy>> levels) {
    List<List<CompiledPolicy>> out = new ArrayList<>(levels.size());
    for (List<CompiledPolicy> level : levels) {
      out.add(List.copyOf(level));
    }
    return List.copyOf(out);
  }

  /** Only identity-based policies. */
  public static PolicySet identity(List<CompiledPolicy> identityPolicies) {
    return new PolicySet(identityPolicies, List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
