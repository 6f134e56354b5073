package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/** An IAM instance profile: a container for at most one role that EC2 passes to an instance. */
public record InstanceProfile(
    String accountId, String name, String id, String path, Instant createDate) {
  public InstanceProfile {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(createDate, "createDate");
  }

  public String arn() {
    return Arns.instanceProfile(accountId, path, name);
  }
}
