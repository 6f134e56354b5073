package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.IamErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Managed policy attachments. spec: Attach/Detach{User,Group,Role}Policy,
 * ListAttached{User,Group,Role}Policies, ListEntitiesForPolicy.
 */
public final class Attachments {
  /** spec: IAM quotas: managed policies attached to a user, group or role: 10 (default). */
  public static final int MAX_ATTACHED = 10;

  private final IamContext ctx;

  Attachments(IamContext ctx) {
    this.ctx = ctx;
  }

  public void attachUserPolicy(String accountId, String userName, String policyArn) {
    attach(accountId, EntityKind.USER, userName, policyArn);
  }

  public void attachGroupPolicy(String accountId, String groupName, String policyArn) {
    attach(accountId, EntityKind.GROUP, groupName, policyArn);
  }

  public void attachRolePolicy(String accountId, String roleName, String policyArn) {
    attach(accountId, EntityKind.ROLE, roleName, policyArn);
  }

  public void detachUserPolicy(String accountId, String userName, String policyArn) {
    detach(accountId, EntityKind.USER, userName, policyArn);
  }

  public void detachGroupPolicy(String accountId, String groupName, String policyArn) {
    detach(accountId, EntityKind.GROUP, groupName, policyArn);
  }

  public void detachRolePolicy(String accountId, String roleName, String policyArn) {
    detach(accountId, EntityKind.ROLE, roleName, policyArn);
  }

  public void attach(String accountId, EntityKind kind, String entityName, String policyArn) {
    Entities.validateName(kind, entityName);
    Validation.policyArn("policyArn", policyArn);
    ctx.write(
        accountId,
        changeOf(kind, entityName),
        tx -> {
          EntityRef e = Entities.resolveForChange(tx, accountId, kind, entityName);
          if (ctx.visiblePolicy(tx, accountId, policyArn).isEmpty()) {
            throw IamErrors.noSuchAttachablePolicy(policyArn);
          }
          IamRules.attachPolicy(tx, accountId, e, policyArn, MAX_ATTACHED);
          return null;
        });
  }

  public void detach(String accountId, EntityKind kind, String entityName, String policyArn) {
    Entities.validateName(kind, entityName);
    Validation.policyArn("policyArn", policyArn);
    ctx.write(
        accountId,
        changeOf(kind, entityName),
        tx -> {
          EntityRef e = Entities.resolveForChange(tx, accountId, kind, entityName);
          if (!tx.policies().detachPolicy(e.id(), policyArn)) {
            throw IamErrors.policyNotAttached(policyArn);
          }
          return null;
        });
  }

  /** ListAttached{User,Group,Role}Policies. {@code pathPrefix} (of the policy) empty for all. */
  public Page<AttachedPolicy> listAttached(
      String accountId, EntityKind kind, String entityName, String pathPrefix, PageRequest page) {
    Entities.validateName(kind, entityName);
    String prefix = Validation.pathPrefix(pathPrefix);
    List<String> arns = Entities.policies(ctx, accountId, kind, entityName).attached();
    List<AttachedPolicy> out = new ArrayList<>();
    for (String arn : arns) {
      Optional<Arns.PolicyArn> parsed = Arns.parsePolicy(arn);
      if (parsed.isPresent() && parsed.get().path().startsWith(prefix)) {
        out.add(new AttachedPolicy(parsed.get().name(), arn));
      }
    }
    return Page.slice(out, AttachedPolicy::policyArn, page);
  }

  /**
   * ListEntitiesForPolicy: users, groups and roles of the caller's account the policy is attached
   * to, ordered users, groups, roles. {@code filter} empty for all kinds; {@code pathPrefix} (of
   * the entity) empty for all.
   */
  public Page<EntityRef> listEntitiesForPolicy(
      String accountId,
      String policyArn,
      List<EntityKind> filter,
      String pathPrefix,
      PageRequest page) {
    Validation.policyArn("policyArn", policyArn);
    String prefix = Validation.pathPrefix(pathPrefix);
    List<EntityRef> refs =
        ctx.read(
            tx -> {
              if (ctx.visiblePolicy(tx, accountId, policyArn).isEmpty()) {
                throw IamErrors.noSuchPolicy(policyArn);
              }
              Map<String, String> paths = new HashMap<>();
              for (User u : tx.users().users(accountId)) {
                paths.put(u.id(), u.path());
              }
              for (Group g : tx.groups().groups(accountId)) {
                paths.put(g.id(), g.path());
              }
              for (Role r : tx.roles().roles(accountId)) {
                paths.put(r.id(), r.path());
              }
              return tx.policies().entitiesForPolicy(accountId, policyArn).stream()
                  .filter(e -> filter.isEmpty() || filter.contains(e.kind()))
                  .filter(e -> paths.getOrDefault(e.id(), "/").startsWith(prefix))
                  .toList();
            });
    return Page.slice(
        refs, e -> kindOrder(e.kind()) + ":" + e.name().toLowerCase(Locale.ROOT), page);
  }

  /** AWS lists users, then groups, then roles. */
  private static String kindOrder(EntityKind kind) {
    return switch (kind) {
      case USER -> "1";
      case GROUP -> "2";
      case ROLE -> "3";
    };
  }

  /**
   * A role's or user's attachments are a change of that principal; a group's are not classified
   * (they change the entries of all its members).
   */
  static Change changeOf(EntityKind kind, String entityName) {
    return switch (kind) {
      case ROLE -> Change.role(entityName);
      case USER -> Change.user(entityName);
      case GROUP -> Change.wholeAccount();
    };
  }
}
