package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.boundary;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.group;
import static dev.gatehouse.api.iam.Ops.list;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.page;
import static dev.gatehouse.api.iam.Ops.tagging;
import static dev.gatehouse.api.iam.Ops.tags;
import static dev.gatehouse.api.iam.Ops.user;
import static dev.gatehouse.api.iam.Ops.with;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.iam.TaggedUser;
import dev.gatehouse.core.iam.Users;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** IAM users and groups: the actions, their inputs and their outputs. */
final class UserAndGroupActions {
  private UserAndGroupActions() {}

  record Named(String name) {}

  record Renamed(String name, String newName, String newPath) {}

  record Listing(String pathPrefix, PageRequest page) {}

  record NamedPage(String name, PageRequest page) {}

  record Tagging(String name, List<Tag> tags) {}

  record Untagging(String name, List<String> keys) {}

  record Membership(String groupName, String userName) {}

  record NamedArn(String name, String arn) {}

  record Path(String name, String path) {}

  /**
   * GetUser's subject: a user, or the root user when the root signs without a name.
   *
   * @param user empty for the root user
   */
  record Subject(java.util.Optional<TaggedUser> user, Principal signer) {}

  static List<Operation<?, ?>> table(IamServices iam, Function<String, Instant> accountCreated) {
    Users users = iam.users();
    return List.of(
        op(
            "CreateUser",
            p ->
                new Users.CreateUserRequest(
                    p.required("UserName"), opt(p, "Path"), opt(p, "PermissionsBoundary"), tags(p)),
            (c, in) ->
                boundary(
                    tagging(Ops.created("user", in.userName(), in.path()), in.tags()),
                    in.permissionsBoundary()),
            (c, in) -> new TaggedUser(users.createUser(account(c), in), in.tags()),
            (out, s) -> IamShapes.user(s, "User", out.user(), out.tags())),
        op(
            "GetUser",
            p -> new Named(opt(p, "UserName")),
            (c, in) -> in.name().isEmpty() ? Ops.arn(self(c)) : user(in.name()),
            (c, in) -> subject(iam, c, in.name()),
            (out, s) -> {
              if (out.user().isPresent()) {
                IamShapes.user(s, "User", out.user().get().user(), out.user().get().tags());
              } else {
                Principal signer = out.signer();
                s.start("User")
                    .field("UserId", signer.principalId())
                    .field("Arn", signer.arn())
                    .field("CreateDate", accountCreated.apply(signer.accountId()))
                    .end();
              }
            }),
        op(
            "ListUsers",
            p -> new Listing(opt(p, "PathPrefix"), page(p)),
            (c, in) -> Ops.listing(c, "user", in.pathPrefix()),
            (c, in) -> users.listUsers(account(c), in.pathPrefix(), in.page()),
            (out, s) -> list(s, "Users", out, (u, m) -> IamShapes.listedUser(m, "member", u))),
        command(
            "UpdateUser",
            p -> new Renamed(p.required("UserName"), opt(p, "NewUserName"), opt(p, "NewPath")),
            (c, in) -> user(in.name()),
            (c, in) -> users.updateUser(account(c), in.name(), in.newName(), in.newPath())),
        command(
            "DeleteUser",
            p -> new Named(p.required("UserName")),
            (c, in) -> user(in.name()),
            (c, in) -> users.deleteUser(account(c), in.name())),
        command(
            "TagUser",
            p -> new Tagging(p.required("UserName"), tags(p)),
            (c, in) -> tagging(user(in.name()), in.tags()),
            (c, in) -> users.tagUser(account(c), in.name(), in.tags())),
        command(
            "UntagUser",
            p -> new Untagging(p.required("UserName"), p.list("TagKeys")),
            (c, in) -> with(user(in.name()), "aws:TagKeys", in.keys()),
            (c, in) -> users.untagUser(account(c), in.name(), in.keys())),
        op(
            "ListUserTags",
            p -> new NamedPage(p.required("UserName"), page(p)),
            (c, in) -> user(in.name()),
            (c, in) -> users.listUserTags(account(c), in.name(), in.page()),
            (out, s) -> list(s, "Tags", out, UserAndGroupActions::tag)),
        command(
            "PutUserPermissionsBoundary",
            p -> new NamedArn(p.required("UserName"), p.required("PermissionsBoundary")),
            (c, in) -> boundary(user(in.name()), in.arn()),
            (c, in) -> users.putUserPermissionsBoundary(account(c), in.name(), in.arn())),
        command(
            "DeleteUserPermissionsBoundary",
            p -> new Named(p.required("UserName")),
            (c, in) -> user(in.name()),
            (c, in) -> users.deleteUserPermissionsBoundary(account(c), in.name())),
        op(
            "CreateGroup",
            p -> new Path(p.required("GroupName"), opt(p, "Path")),
            (c, in) -> Ops.created("group", in.name(), in.path()),
            (c, in) -> iam.groups().createGroup(account(c), in.name(), in.path()),
            (out, s) -> IamShapes.group(s, "Group", out)),
        op(
            "GetGroup",
            p -> new NamedPage(p.required("GroupName"), page(p)),
            (c, in) -> group(in.name()),
            (c, in) -> iam.groups().getGroup(account(c), in.name(), in.page()),
            (out, s) -> {
              IamShapes.group(s, "Group", out.group());
              list(s, "Users", out.users(), (u, m) -> IamShapes.user(m, "member", u, List.of()));
            }),
        op(
            "ListGroups",
            p -> new Listing(opt(p, "PathPrefix"), page(p)),
            (c, in) -> Ops.listing(c, "group", in.pathPrefix()),
            (c, in) -> iam.groups().listGroups(account(c), in.pathPrefix(), in.page()),
            (out, s) -> list(s, "Groups", out, (g, m) -> IamShapes.group(m, "member", g))),
        command(
            "UpdateGroup",
            p -> new Renamed(p.required("GroupName"), opt(p, "NewGroupName"), opt(p, "NewPath")),
            (c, in) -> group(in.name()),
            (c, in) -> iam.groups().updateGroup(account(c), in.name(), in.newName(), in.newPath())),
        command(
            "DeleteGroup",
            p -> new Named(p.required("GroupName")),
            (c, in) -> group(in.name()),
            (c, in) -> iam.groups().deleteGroup(account(c), in.name())),
        command(
            "AddUserToGroup",
            p -> new Membership(p.required("GroupName"), p.required("UserName")),
            (c, in) -> group(in.groupName()),
            (c, in) -> iam.groups().addUserToGroup(account(c), in.groupName(), in.userName())),
        command(
            "RemoveUserFromGroup",
            p -> new Membership(p.required("GroupName"), p.required("UserName")),
            (c, in) -> group(in.groupName()),
            (c, in) -> iam.groups().removeUserFromGroup(account(c), in.groupName(), in.userName())),
        op(
            "ListGroupsForUser",
            p -> new NamedPage(p.required("UserName"), page(p)),
            (c, in) -> user(in.name()),
            (c, in) -> iam.groups().listGroupsForUser(account(c), in.name(), in.page()),
            (out, s) -> list(s, "Groups", out, (g, m) -> IamShapes.group(m, "member", g))));
  }

  static void tag(Tag tag, Shape s) {
    s.member().field("Key", tag.key()).field("Value", tag.value()).end();
  }

  private static String self(Caller caller) {
    return caller.principal().arn();
  }

  private static Subject subject(IamServices iam, Caller caller, String name) {
    if (!name.isEmpty()) {
      return new Subject(
          java.util.Optional.of(iam.users().getUser(account(caller), name)), caller.principal());
    }
    if (caller.principal() instanceof Principal.User u) {
      return new Subject(
          java.util.Optional.of(iam.users().getUser(account(caller), u.userName())),
          caller.principal());
    }
    return new Subject(java.util.Optional.empty(), caller.principal());
  }
}
