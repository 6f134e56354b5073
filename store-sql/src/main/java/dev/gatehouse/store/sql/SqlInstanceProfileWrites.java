package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.InstanceProfile;

/** The instance-profile part of a write transaction; {@link SqlWrites} adds the rest of IAM. */
abstract class SqlInstanceProfileWrites extends SqlStsWrites {

  SqlInstanceProfileWrites(Jdbc jdbc) {
    super(jdbc);
  }

  @Override
  public void createInstanceProfile(InstanceProfile profile) {
    instanceProfiles.create(profile);
  }

  @Override
  public void deleteInstanceProfile(String instanceProfileId) {
    instanceProfiles.delete(instanceProfileId);
  }

  @Override
  public boolean addRoleToInstanceProfile(String instanceProfileId, String roleId) {
    return instanceProfiles.addRole(instanceProfileId, roleId);
  }

  @Override
  public boolean removeRoleFromInstanceProfile(String instanceProfileId, String roleId) {
    return instanceProfiles.removeRole(instanceProfileId, roleId);
  }
}
