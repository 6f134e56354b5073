package dev.gatehouse.core.iam;

import java.util.Objects;

/**
 * What one committed write changed, as far as the snapshots of the writing node need to know: the
 * entity it touched, so that the next snapshot re-reads that entity rather than the whole account.
 * A write whose effects are not classified here reports {@link WholeAccount}.
 */
public sealed interface Change {
  /**
   * A role of the account changed in any way its snapshot entry shows: created, updated, deleted,
   * its inline or attached policies, its tags or its permissions boundary.
   */
  record RoleChanged(String roleName) implements Change {
    public RoleChanged {
      Objects.requireNonNull(roleName, "roleName");
    }
  }

  /**
   * A user of the account changed in any way its snapshot entry shows: created, deleted, its tags,
   * its permissions boundary, its attached policies or the groups it is in (the groups' policies
   * are part of the user's entry).
   */
  record UserChanged(String userName) implements Change {
    public UserChanged {
      Objects.requireNonNull(userName, "userName");
    }
  }

  /**
   * A customer managed policy of the account changed: created, deleted, its default version or its
   * listing row (the entities attached to it are found by the snapshot, which re-reads them).
   */
  record PolicyChanged(String policyArn) implements Change {
    public PolicyChanged {
      Objects.requireNonNull(policyArn, "policyArn");
    }
  }

  /** Anything else: the account is read again as a whole. */
  record WholeAccount() implements Change {}

  static Change role(String roleName) {
    return new RoleChanged(roleName);
  }

  static Change user(String userName) {
    return new UserChanged(userName);
  }

  static Change policy(String policyArn) {
    return new PolicyChanged(policyArn);
  }

  static Change wholeAccount() {
    return new WholeAccount();
  }
}
