package dev.gatehouse.core.oidc;

import dev.gatehouse.core.sts.SessionPolicies;
import java.util.Objects;
import java.util.Optional;

/**
 * AssumeRoleWithWebIdentity's decoded parameters, before the token is verified.
 *
 * <p>spec: STS API Reference, AssumeRoleWithWebIdentity request parameters.
 *
 * @param providerId the ProviderId parameter (OAuth 2.0 access tokens only), empty when absent
 */
public record WebIdentityRequest(
    String roleArn,
    String sessionName,
    String token,
    String providerId,
    Optional<Integer> duration,
    SessionPolicies policies) {
  public WebIdentityRequest {
    Objects.requireNonNull(roleArn);
    Objects.requireNonNull(sessionName);
    Objects.requireNonNull(token);
    Objects.requireNonNull(providerId);
    Objects.requireNonNull(duration);
    Objects.requireNonNull(policies);
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "WebIdentityRequest[roleArn=" + roleArn + ", sessionName=" + sessionName + "]";
  }
}
