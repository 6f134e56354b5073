package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.User;
import java.util.List;

/** A group and all its users, in no particular order (GetGroup sorts and pages them). */
public record GroupMembers(Group group, List<User> users) {
  public GroupMembers {
    users = List.copyOf(users);
  }
}
