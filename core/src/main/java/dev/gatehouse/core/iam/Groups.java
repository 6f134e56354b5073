package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.IamErrors;
import java.util.List;
import java.util.Locale;

/** IAM group actions. spec: IAM API Reference, CreateGroup ... ListGroupsForUser. */
public final class Groups {
  /** spec: IAM quotas: groups per account 300, groups an IAM user can be a member of 10. */
  public static final int MAX_GROUPS = 300;

  public static final int MAX_GROUPS_PER_USER = 10;

  private final IamContext ctx;

  Groups(IamContext ctx) {
    this.ctx = ctx;
  }

  /** CreateGroup. {@code path} is empty when not given. */
  public Group createGroup(String accountId, String groupName, String path) {
    Validation.name("groupName", groupName, 128);
    String p = Validation.path("path", path);
    return ctx.write(
        accountId,
        tx -> {
          Group g = new Group(accountId, groupName, ctx.ids().groupId(), p, ctx.now());
          IamRules.createGroup(tx, g, MAX_GROUPS);
          return g;
        });
  }

  public GroupWithUsers getGroup(String accountId, String groupName, PageRequest page) {
    Validation.name("groupName", groupName, 128);
    // From the account's snapshot (EntityReads) where there is one.
    GroupMembers g =
        ctx.reads().group(accountId, groupName).orElseThrow(() -> IamErrors.noSuchGroup(groupName));
    return new GroupWithUsers(
        g.group(), Page.slice(g.users(), u -> u.name().toLowerCase(Locale.ROOT), page));
  }

  public Page<Group> listGroups(String accountId, String pathPrefix, PageRequest page) {
    String prefix = Validation.pathPrefix(pathPrefix);
    List<Group> groups =
        ctx.reads().groups(accountId).stream().filter(g -> g.path().startsWith(prefix)).toList();
    return Page.slice(groups, g -> g.name().toLowerCase(Locale.ROOT), page);
  }

  /** UpdateGroup. {@code newGroupName} and {@code newPath} are empty when unchanged. */
  public Group updateGroup(
      String accountId, String groupName, String newGroupName, String newPath) {
    Validation.name("groupName", groupName, 128);
    if (!newGroupName.isEmpty()) {
      Validation.name("newGroupName", newGroupName, 128);
    }
    if (!newPath.isEmpty()) {
      Validation.path("newPath", newPath);
    }
    return ctx.write(
        accountId,
        tx -> {
          Group g = IamContext.group(tx, accountId, groupName);
          Group updated =
              g.withNameAndPath(
                  newGroupName.isEmpty() ? g.name() : newGroupName,
                  newPath.isEmpty() ? g.path() : newPath);
          IamRules.updateGroup(tx, g, updated);
          return updated;
        });
  }

  public void deleteGroup(String accountId, String groupName) {
    Validation.name("groupName", groupName, 128);
    ctx.write(
        accountId,
        tx -> {
          IamRules.deleteGroup(tx, IamContext.group(tx, accountId, groupName));
          return null;
        });
  }

  public void addUserToGroup(String accountId, String groupName, String userName) {
    Validation.name("groupName", groupName, 128);
    Validation.name("userName", userName, 128);
    ctx.write(
        accountId,
        Change.user(userName),
        tx -> {
          Group g = IamContext.group(tx, accountId, groupName);
          User u = IamContext.user(tx, accountId, userName);
          IamRules.addUserToGroup(tx, u, g, MAX_GROUPS_PER_USER);
          return null;
        });
  }

  public void removeUserFromGroup(String accountId, String groupName, String userName) {
    Validation.name("groupName", groupName, 128);
    Validation.name("userName", userName, 128);
    ctx.write(
        accountId,
        Change.user(userName),
        tx -> {
          Group g = IamContext.group(tx, accountId, groupName);
          User u = IamContext.user(tx, accountId, userName);
          if (!tx.groups().removeUserFromGroup(u.id(), g.id())) {
            throw IamErrors.noSuchUser(userName);
          }
          return null;
        });
  }

  public Page<Group> listGroupsForUser(String accountId, String userName, PageRequest page) {
    Validation.name("userName", userName, 128);
    List<Group> groups =
        ctx.reads()
            .groupsForUser(accountId, userName)
            .orElseThrow(() -> IamErrors.noSuchUser(userName));
    return Page.slice(groups, g -> g.name().toLowerCase(Locale.ROOT), page);
  }
}
