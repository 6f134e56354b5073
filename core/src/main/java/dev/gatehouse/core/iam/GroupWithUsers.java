package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.User;

/** GetGroup's answer: the group and one page of its members. */
public record GroupWithUsers(Group group, Page<User> users) {}
