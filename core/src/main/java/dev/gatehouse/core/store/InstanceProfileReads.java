package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.Role;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: Instance profiles and the role each holds. */
public interface InstanceProfileReads {
  Optional<InstanceProfile> instanceProfile(String accountId, String name);

  List<InstanceProfile> instanceProfiles(String accountId);

  /** How many instance profiles the account has (a COUNT, for the quota). */
  int instanceProfileCount(String accountId);

  /** The roles of an instance profile (at most one, by AWS's quota), ordered by name. */
  List<Role> instanceProfileRoles(String instanceProfileId);

  /** The instance profiles a role is in, ordered by name. */
  List<InstanceProfile> instanceProfilesForRole(String roleId);
}
