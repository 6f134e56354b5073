package dev.gatehouse.core.sts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AssumeRole's decoded and validated parameters. {@code duration} is empty when DurationSeconds is
 * absent.
 *
 * <p>spec: STS API Reference, AssumeRole request parameters.
 */
public record AssumeRoleRequest(
    String roleArn,
    String sessionName,
    Optional<Integer> duration,
    String externalId,
    MfaCode mfa,
    SessionPolicies policies,
    List<SessionTag> tags,
    List<String> transitiveTagKeys,
    String sourceIdentity) {
  public AssumeRoleRequest {
    Objects.requireNonNull(roleArn);
    Objects.requireNonNull(sessionName);
    Objects.requireNonNull(duration);
    Objects.requireNonNull(externalId);
    Objects.requireNonNull(mfa);
    Objects.requireNonNull(policies);
    tags = List.copyOf(tags);
    transitiveTagKeys = List.copyOf(transitiveTagKeys);
    Objects.requireNonNull(sourceIdentity);
  }
}
