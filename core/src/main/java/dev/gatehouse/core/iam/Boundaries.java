package dev.gatehouse.core.iam;

import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.ReadTransaction;

/** Permissions boundaries: a managed policy (customer or AWS) that exists. */
final class Boundaries {
  private Boundaries() {}

  /**
   * spec: PutUserPermissionsBoundary: "You cannot set the boundary for a user using an inline
   * policy"; an unknown policy is refused with InvalidInput.
   */
  static void require(IamContext ctx, ReadTransaction tx, String accountId, String arn) {
    if (ctx.visiblePolicy(tx, accountId, arn).isEmpty()) {
      throw GatehouseException.invalidInput(
          "ARN " + arn + " is not valid: the permissions boundary policy does not exist.");
    }
  }
}
