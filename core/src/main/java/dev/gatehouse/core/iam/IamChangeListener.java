package dev.gatehouse.core.iam;

/** Told, after each committed write, which account's IAM state changed. */
@FunctionalInterface
public interface IamChangeListener {
  void committed(String accountId);

  /** A listener that ignores changes. */
  static IamChangeListener none() {
    return accountId -> {};
  }
}
