package dev.gatehouse.core.domain;

import java.util.Objects;

/** Who an access key belongs to: an account's root user or an IAM user (by unique id). */
public sealed interface AccessKeyOwner {
  /** The root user of the key's account. */
  record Root() implements AccessKeyOwner {}

  /** An IAM user. */
  record IamUser(String userId) implements AccessKeyOwner {
    public IamUser {
      Objects.requireNonNull(userId, "userId");
    }
  }
}
