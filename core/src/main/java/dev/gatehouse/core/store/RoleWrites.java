package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;

/**
 * Writes of the store port: IAM roles and their last use. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface RoleWrites extends RoleReads {
  void createRole(Role role);

  /** Replaces the description, session duration, trust policy and boundary of the role. */
  void updateRole(Role role);

  /** Records an assumption of the role; returns false for an unknown role id. */
  boolean recordRoleUse(String roleId, RoleLastUsed lastUsed);

  /** Deletes a role, its tags and its last use. */
  void deleteRole(String roleId);
}
