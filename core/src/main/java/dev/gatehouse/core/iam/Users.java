package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.IamErrors;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** IAM user actions. spec: IAM API Reference, CreateUser ... UntagUser. */
public final class Users {
  /** spec: IAM quotas: users per account. */
  public static final int MAX_USERS = 5000;

  private final IamContext ctx;

  Users(IamContext ctx) {
    this.ctx = ctx;
  }

  /** CreateUser. {@code path} and {@code permissionsBoundary} are empty when not given. */
  public record CreateUserRequest(
      String userName, String path, String permissionsBoundary, List<Tag> tags) {
    public CreateUserRequest {
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
      tags = List.copyOf(tags);
    }

    public static CreateUserRequest named(String userName) {
      return new CreateUserRequest(userName, "", "", List.of());
    }
  }

  public User createUser(String accountId, CreateUserRequest request) {
    Validation.name("userName", request.userName(), 64);
    String path = Validation.path("path", request.path());
    Validation.tags(request.tags());
    if (!request.permissionsBoundary().isEmpty()) {
      Validation.policyArn("permissionsBoundary", request.permissionsBoundary());
    }
    return ctx.write(
        accountId,
        Change.user(request.userName()),
        tx -> {
          if (!request.permissionsBoundary().isEmpty()) {
            Boundaries.require(ctx, tx, accountId, request.permissionsBoundary());
          }
          User user =
              new User(
                  accountId,
                  request.userName(),
                  ctx.ids().userId(),
                  path,
                  ctx.now(),
                  request.permissionsBoundary());
          IamRules.createUser(tx, user, MAX_USERS);
          IamRules.putTags(tx, user.id(), request.tags());
          return user;
        });
  }

  public TaggedUser getUser(String accountId, String userName) {
    Validation.name("userName", userName, 128);
    return ctx.reads().user(accountId, userName).orElseThrow(() -> IamErrors.noSuchUser(userName));
  }

  /** ListUsers. {@code pathPrefix} is empty for all. */
  public Page<User> listUsers(String accountId, String pathPrefix, PageRequest page) {
    String prefix = Validation.pathPrefix(pathPrefix);
    // Already in listing order (from the snapshot where there is one): the page is read from the
    // marker on.
    return Page.ofSorted(
        ctx.reads().users(accountId),
        u -> u.name().toLowerCase(Locale.ROOT),
        u -> u.path().startsWith(prefix),
        page);
  }

  /** UpdateUser. {@code newUserName} and {@code newPath} are empty when unchanged. */
  public User updateUser(String accountId, String userName, String newUserName, String newPath) {
    Validation.name("userName", userName, 128);
    if (!newUserName.isEmpty()) {
      Validation.name("newUserName", newUserName, 64);
    }
    if (!newPath.isEmpty()) {
      Validation.path("newPath", newPath);
    }
    return ctx.write(
        accountId,
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          User updated =
              u.withNameAndPath(
                  newUserName.isEmpty() ? u.name() : newUserName,
                  newPath.isEmpty() ? u.path() : newPath);
          IamRules.updateUser(tx, u, updated);
          return updated;
        });
  }

  public void deleteUser(String accountId, String userName) {
    Validation.name("userName", userName, 128);
    ctx.write(
        accountId,
        Change.user(userName),
        tx -> {
          IamRules.deleteUser(tx, IamContext.user(tx, accountId, userName));
          return null;
        });
  }

  public void tagUser(String accountId, String userName, List<Tag> tags) {
    Validation.name("userName", userName, 128);
    EntityTags.tag(
        ctx,
        accountId,
        tx -> IamContext.user(tx, accountId, userName).id(),
        Change.user(userName),
        tags);
  }

  public void untagUser(String accountId, String userName, List<String> tagKeys) {
    Validation.name("userName", userName, 128);
    EntityTags.untag(
        ctx,
        accountId,
        tx -> IamContext.user(tx, accountId, userName).id(),
        Change.user(userName),
        tagKeys);
  }

  public Page<Tag> listUserTags(String accountId, String userName, PageRequest page) {
    Validation.name("userName", userName, 128);
    // From the account's snapshot (EntityReads), as GetUser: the tags it holds are the store's.
    return EntityTags.page(
        ctx.reads()
            .user(accountId, userName)
            .orElseThrow(() -> IamErrors.noSuchUser(userName))
            .tags(),
        page);
  }

  public void putUserPermissionsBoundary(String accountId, String userName, String boundaryArn) {
    Validation.name("userName", userName, 128);
    Validation.policyArn("permissionsBoundary", boundaryArn);
    ctx.write(
        accountId,
        Change.user(userName),
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          Boundaries.require(ctx, tx, accountId, boundaryArn);
          tx.users().updateUser(u.withPermissionsBoundary(boundaryArn));
          return null;
        });
  }

  public void deleteUserPermissionsBoundary(String accountId, String userName) {
    Validation.name("userName", userName, 128);
    ctx.write(
        accountId,
        Change.user(userName),
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          tx.users().updateUser(u.withPermissionsBoundary(""));
          return null;
        });
  }
}
