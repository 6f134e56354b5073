package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.InstanceProfile;

/** The instance-profile part of a write transaction; {@link SqlWrites} adds the rest of IAM. */
abstract class SqlInstanceProfileWrites extends SqlStsWrites {

  SqlInstanceProfileWrites(Jdbc jdbc) {
    super(jdbc);
  }

  @Override
  public void createInstanceProfile(InstanceProfile profile) {
    requireAccount(profile.accountId());
    instanceProfiles.create(profile);
  }

  @Override
  public void deleteInstanceProfile(String accountId, String name) {
    instanceProfiles.delete(accountId, name);
  }

  @Override
  public void addRoleToInstanceProfile(String instanceProfileId, String roleId, int maxRoles) {
    instanceProfiles.addRole(instanceProfileId, roleId, maxRoles);
  }

  @Override
  public boolean removeRoleFromInstanceProfile(String instanceProfileId, String roleId) {
    return instanceProfiles.removeRole(instanceProfileId, roleId);
  }
}
