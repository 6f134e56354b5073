package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.InstanceProfile;

/**
 * Writes of the store port: Instance profiles and the role each holds. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface InstanceProfileWrites extends InstanceProfileReads {
  void createInstanceProfile(InstanceProfile profile);

  /** Deletes an instance profile and its tags. */
  void deleteInstanceProfile(String instanceProfileId);

  /** Returns false when the role was in the instance profile already. */
  boolean addRoleToInstanceProfile(String instanceProfileId, String roleId);

  /** Returns false when the role was not in the instance profile. */
  boolean removeRoleFromInstanceProfile(String instanceProfileId, String roleId);
}
