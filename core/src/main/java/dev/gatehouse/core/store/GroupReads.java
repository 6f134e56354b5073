package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.User;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: IAM groups and their members. */
public interface GroupReads {
  Optional<Group> group(String accountId, String name);

  List<Group> groups(String accountId);

  /** How many groups the account has (a COUNT, for the quota). */
  int groupCount(String accountId);

  List<Group> groupsForUser(String userId);

  List<User> groupMembers(String groupId);
}
