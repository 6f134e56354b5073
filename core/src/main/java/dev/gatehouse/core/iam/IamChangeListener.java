package dev.gatehouse.core.iam;

/** Told, after each committed write, which account's IAM state changed. */
@FunctionalInterface
public interface IamChangeListener {
  void committed(String accountId);

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
