package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/** A long-term access key (AKIA...). The secret is never part of this record. */
public record AccessKey(
    String accessKeyId,
    String accountId,
    AccessKeyOwner owner,
    AccessKeyStatus status,
    Instant createDate) {
  public AccessKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createDate, "createDate");
  }

  public AccessKey withStatus(AccessKeyStatus value) {
    return new AccessKey(accessKeyId, accountId, owner, value, createDate);
  }
}
