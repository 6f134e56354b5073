package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.ReadTransaction;
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

  /**
   * The holder as stored: the owner of its keys or certificates and the user's name ("" for root).
   */
  record Resolved(AccessKeyOwner owner, String userName) {}

  /** Checks the user name's shape (before any store read). */
  default void validate() {
    if (this instanceof Named n) {
      Validation.name("userName", n.userName(), 128);
    }
  }

  /** The stored owner: NoSuchEntity when the named user does not exist in the account. */
  default Resolved resolve(ReadTransaction tx, String accountId) {
    if (this instanceof Named n) {
      User u = IamContext.user(tx, accountId, n.userName());
      return new Resolved(new AccessKeyOwner.IamUser(u.id()), u.name());
    }
    return new Resolved(new AccessKeyOwner.Root(), "");
  }
}
