package dev.gatehouse.core.s3;

import dev.gatehouse.core.snapshot.CompiledPolicies;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;
import java.util.Objects;

/**
 * A bucket policy as authorization uses it: compiled, and whether it is public (which Block Public
 * Access's RestrictPublicBuckets reads).
 */
public record BucketPolicy(CompiledPolicy compiled, boolean isPublic) {
  /** The source decisions name for a bucket policy. */
  static final String SOURCE = "bucket policy";

  public BucketPolicy {
    Objects.requireNonNull(compiled, "compiled");
  }

  /**
   * The document compiled through {@code cache} (shared with the IAM snapshots, by text) and
   * classified.
   */
  static BucketPolicy of(String document, CompiledPolicies cache) {
    return new BucketPolicy(
        cache.document(document, PolicyKind.RESOURCE, SOURCE).compiled(),
        BucketPolicies.isPublic(
            Policy.parse(document, PolicyKind.RESOURCE, ValidationMode.EVALUATION)));
  }
}
