package dev.gatehouse.core.sts;

import java.time.Instant;
import java.util.Objects;

/** What a caller's access grants say about assuming a role now ({@link RoleGrants}). */
public sealed interface GrantCheck {

  /** The role requires no grant. */
  record NotRequired() implements GrantCheck {}

  /**
   * The caller holds a live grant for the role.
   *
   * @param requesterName the requester's user name, the session's source identity
   * @param singleUse whether the grant allows this one AssumeRole only
   */
  record Live(
      String accountId,
      String grantId,
      Instant end,
      String reason,
      String requesterName,
      boolean singleUse)
      implements GrantCheck {
    public Live {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(grantId, "grantId");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(requesterName, "requesterName");
    }
  }

  /** The role requires a grant and the caller holds no live one; {@code message} says why. */
  record Missing(String message) implements GrantCheck {
    public Missing {
      Objects.requireNonNull(message, "message");
    }
  }
}
