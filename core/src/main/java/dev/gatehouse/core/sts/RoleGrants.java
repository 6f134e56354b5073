package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Role;
import java.time.Instant;

/**
 * The access grants STS checks at AssumeRole (DESIGN.md decision 12), implemented by {@code
 * core.grants.GrantGate}: a role that requires grants can be assumed only under a live one.
 */
public interface RoleGrants {
  /** The condition key present, with the grant's id, only when AssumeRole is under a live grant. */
  String GRANT_ID_KEY = "gatehouse:GrantId";

  /** What {@code caller}'s grants say about assuming {@code role} at {@code now}. */
  GrantCheck check(Principal caller, Role role, Instant now);

  /**
   * Records that a session is being issued under {@code grant}: spends a single-use grant.
   *
   * @throws dev.gatehouse.core.error.GatehouseException AccessDenied when the single use was spent
   *     meanwhile
   */
  void issuing(GrantCheck.Live grant);

  /** No role requires a grant. */
  static RoleGrants none() {
    return new RoleGrants() {
      @Override
      public GrantCheck check(Principal caller, Role role, Instant now) {
        return new GrantCheck.NotRequired();
      }

      @Override
      public void issuing(GrantCheck.Live grant) {}
    };
  }
}
