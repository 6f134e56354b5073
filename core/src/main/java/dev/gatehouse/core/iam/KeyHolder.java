package dev.gatehouse.core.iam;

import java.util.Objects;

/**
 * Whose access keys an action is about: the account root, or a named IAM user. (spec:
 * CreateAccessKey: when UserName is absent the caller's own keys; the server resolves that to the
 * signing principal.)
 */
public sealed interface KeyHolder {
  /** The account's root user. */
  record Root() implements KeyHolder {}

  /** An IAM user by name. */
  record Named(String userName) implements KeyHolder {
    public Named {
      Objects.requireNonNull(userName, "userName");
    }
  }

  static KeyHolder root() {
    return new Root();
  }

  static KeyHolder user(String userName) {
    return new Named(userName);
  }
}
