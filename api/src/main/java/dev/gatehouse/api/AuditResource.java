package dev.gatehouse.api;

import java.util.Objects;

/**
 * A resource an audit record names, as CloudTrail lists them in {@code resources}.
 *
 * <p>spec: CloudTrail User Guide, "CloudTrail record contents" (resources: ARN, accountId, type,
 * for example {@code AWS::S3::Bucket} and {@code AWS::S3::Object}).
 *
 * @param accountId the owning account; empty when not known (S3 objects)
 */
public record AuditResource(String type, String arn, String accountId) {
  public AuditResource {
    Objects.requireNonNull(type);
    Objects.requireNonNull(arn);
    Objects.requireNonNull(accountId);
  }
}
