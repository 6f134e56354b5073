package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKeyLastUsed;
import java.util.Objects;
import java.util.Optional;

/** GetAccessKeyLastUsed's answer: the owner's name (empty for root) and the last use, if any. */
public final class KeyLastUsed {
  private final String userName;
  private final Optional<AccessKeyLastUsed> lastUsed;

  public KeyLastUsed(String userName, Optional<AccessKeyLastUsed> lastUsed) {
    this.userName = Objects.requireNonNull(userName, "userName");
    this.lastUsed = Objects.requireNonNull(lastUsed, "lastUsed");
  }

  public String userName() {
    return userName;
  }

  public Optional<AccessKeyLastUsed> lastUsed() {
    return lastUsed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyLastUsed k && userName.equals(k.userName) && lastUsed.equals(k.lastUsed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userName, lastUsed);
  }

  @Override
  public String toString() {
    return "KeyLastUsed[" + userName + ", " + lastUsed + "]";
  }
}
