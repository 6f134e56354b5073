package dev.gatehouse.core.iam;

/** Told, after each committed write, which account's IAM state changed. */
@FunctionalInterface
public interface IamChangeListener {
  void committed(String accountId);

  /**
   * A committed write, with what it changed ({@link Change}). Listeners that keep nothing per
   * entity may ignore the change: by default it counts as {@link #committed(String)}.
   */
  default void committed(String accountId, Change change) {
    committed(accountId);
  }

  /**
   * A committed write changed only when the role {@code roleId} of the account was last used (its
   * RoleLastUsed): no permission, entity or listing changed. Listeners that keep last uses re-read
   * that role's alone; those that keep nothing of them may ignore it; by default it counts as any
   * other change.
   */
  default void lastUseRecorded(String accountId, String roleId) {
    committed(accountId);
  }

  /**
   * A committed write changed the account's S3 buckets (created, deleted, their policy, public
   * access block or tags), nothing of IAM. Listeners that keep no buckets may ignore it; by default
   * it counts as any other change.
   */
  default void bucketsChanged(String accountId) {
    committed(accountId);
  }

  /**
   * Changes may have been missed (e.g. a lost connection to other nodes' change feed): treat every
   * account as changed.
   */
  default void everythingChanged() {}

  /** A listener that ignores changes. */
  static IamChangeListener none() {
    return accountId -> {};
  }
}
