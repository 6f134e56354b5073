package dev.gatehouse.core.sts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** GetFederationToken's decoded parameters. spec: STS API Reference, GetFederationToken. */
public record FederationTokenRequest(
    String name, Optional<Integer> duration, SessionPolicies policies, List<SessionTag> tags) {
  public FederationTokenRequest {
    Objects.requireNonNull(name);
    Objects.requireNonNull(duration);
    Objects.requireNonNull(policies);
    tags = List.copyOf(tags);
  }
}
