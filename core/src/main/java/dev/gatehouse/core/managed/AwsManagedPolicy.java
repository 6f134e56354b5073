package dev.gatehouse.core.managed;

import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import java.util.Objects;

/** One AWS managed policy and its default version's document. */
public record AwsManagedPolicy(ManagedPolicy policy, String document) {
  public AwsManagedPolicy {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(document, "document");
  }

  /** The default version (the catalogue holds only that one). */
  public PolicyVersion defaultVersion() {
    return new PolicyVersion(
        policy.arn(), policy.defaultVersionId(), document, true, policy.updateDate());
  }
}
