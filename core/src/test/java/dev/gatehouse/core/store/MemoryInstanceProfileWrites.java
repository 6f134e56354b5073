package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.store.MemoryStore.State;

/**
 * The instance-profile writes of a {@link MemoryStore} transaction; {@link MemoryTransaction} adds
 * the rest.
 */
abstract class MemoryInstanceProfileWrites extends MemoryReads implements WriteTransaction {
  MemoryInstanceProfileWrites(State s) {
    super(s);
  }

  @Override
  public void createInstanceProfile(InstanceProfile profile) {
    if (!s.accounts.containsKey(profile.accountId())) {
      throw IamErrors.noSuchAccount(profile.accountId());
    }
    if (instanceProfile(profile.accountId(), profile.name()).isPresent()) {
      throw IamErrors.instanceProfileExists(profile.name());
    }
    s.instanceProfiles.put(profile.id(), profile);
  }

  @Override
  public void deleteInstanceProfile(String accountId, String name) {
    InstanceProfile p =
        instanceProfile(accountId, name).orElseThrow(() -> IamErrors.noSuchInstanceProfile(name));
    if (!instanceProfileRoles(p.id()).isEmpty()) {
      throw IamErrors.mustRemoveRolesFromInstanceProfile();
    }
    s.tags.remove(p.id());
    s.instanceProfiles.remove(p.id());
  }

  @Override
  public void addRoleToInstanceProfile(String instanceProfileId, String roleId, int maxRoles) {
    if (instanceProfileRoles(instanceProfileId).size() >= maxRoles) {
      throw IamErrors.quota("InstanceSessionsPerInstanceProfile", maxRoles);
    }
    s.profileRoles.add(new MemoryStore.ProfileRole(instanceProfileId, roleId));
  }

  @Override
  public boolean removeRoleFromInstanceProfile(String instanceProfileId, String roleId) {
    return s.profileRoles.remove(new MemoryStore.ProfileRole(instanceProfileId, roleId));
  }
}
