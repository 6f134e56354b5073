package dev.gatehouse.core.sts;

import java.util.List;
import java.util.Objects;

/**
 * The session policies passed to AssumeRole or GetFederationToken (POLICY-SEMANTICS A9).
 *
 * @param inlinePolicy the {@code Policy} parameter as given, or the empty string when none was
 *     passed (AWS requires at least one character, so empty is unambiguous)
 * @param managedPolicyArns the {@code PolicyArns} parameter, in request order
 */
public record SessionPolicies(String inlinePolicy, List<String> managedPolicyArns) {
  public SessionPolicies {
    Objects.requireNonNull(inlinePolicy, "inlinePolicy");
    managedPolicyArns = List.copyOf(managedPolicyArns);
  }

  /** No session policy at all. */
  public static SessionPolicies none() {
    return new SessionPolicies("", List.of());
  }

  /** True when at least one session policy was passed. */
  public boolean isPresent() {
    return !inlinePolicy.isEmpty() || !managedPolicyArns.isEmpty();
  }
}
