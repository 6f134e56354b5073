package dev.gatehouse.core.sts;

import java.util.Objects;

/**
 * Whom an MFA device is enabled for, as requests name it: the root user of the caller's account, or
 * an IAM user by name. (The store keeps users by unique id, see {@link
 * dev.gatehouse.core.mfa.VirtualMfaDevice.Assignee}.)
 */
public sealed interface MfaHolder {
  /** The root user of the account. */
  record Root() implements MfaHolder {}

  /** An IAM user of the account. */
  record User(String name) implements MfaHolder {
    public User {
      Objects.requireNonNull(name, "name");
    }
  }
}
