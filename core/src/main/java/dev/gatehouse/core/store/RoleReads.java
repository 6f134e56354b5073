package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the store port: IAM roles and their last use. */
public interface RoleReads {
  Optional<Role> role(String accountId, String name);

  List<Role> roles(String accountId);

  /** How many roles the account has (a COUNT, for the quota). */
  int roleCount(String accountId);

  /** When the role was last assumed, if ever. */
  Optional<RoleLastUsed> roleLastUsed(String roleId);

  /** The last use of every role of the account that was ever assumed, by role id. */
  Map<String, RoleLastUsed> rolesLastUsed(String accountId);
}
