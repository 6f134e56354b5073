package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Group;

/**
 * Writes of the store port: IAM groups and their members. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface GroupWrites extends GroupReads {
  void createGroup(Group group);

  void updateGroup(Group group);

  /** Deletes a group. */
  void deleteGroup(String groupId);

  /** Returns false when the user was a member already. */
  boolean addUserToGroup(String userId, String groupId);

  /** Returns false when the user was not a member. */
  boolean removeUserFromGroup(String userId, String groupId);
}
