package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.store.ReadTransaction;

/** Resolves a user, group or role by kind and name. */
final class Entities {
  private Entities() {}

  static EntityRef resolve(ReadTransaction tx, String accountId, EntityKind kind, String name) {
    return switch (kind) {
      case USER -> EntityRef.of(IamContext.user(tx, accountId, name));
      case GROUP -> EntityRef.of(IamContext.group(tx, accountId, name));
      case ROLE -> EntityRef.of(IamContext.role(tx, accountId, name));
    };
  }

  /**
   * The inline and attached policies of the entity, from the account's snapshot where there is one
   * ({@link EntityReads}); NoSuchEntity as {@link #resolve} when there is no such entity.
   */
  static EntityPolicies policies(IamContext ctx, String accountId, EntityKind kind, String name) {
    return ctx.reads()
        .policies(accountId, kind, name)
        .orElseThrow(
            () ->
                switch (kind) {
                  case USER -> IamErrors.noSuchUser(name);
                  case GROUP -> IamErrors.noSuchGroup(name);
                  case ROLE -> IamErrors.noSuchRole(name);
                });
  }

  /**
   * The entity a write changes: as {@link #resolve}, but a service-linked role is refused with
   * UnmodifiableEntity (only its service may change its policies).
   */
  static EntityRef resolveForChange(
      ReadTransaction tx, String accountId, EntityKind kind, String name) {
    if (kind == EntityKind.ROLE) {
      ServiceLinkedRoles.requireModifiable(IamContext.role(tx, accountId, name));
    }
    return resolve(tx, accountId, kind, name);
  }

  /** The request parameter naming an entity of this kind, e.g. {@code userName}. */
  static String parameter(EntityKind kind) {
    return switch (kind) {
      case USER -> "userName";
      case GROUP -> "groupName";
      case ROLE -> "roleName";
    };
  }

  /** spec: references to existing users and groups take up to 128 characters, roles 64. */
  static void validateName(EntityKind kind, String name) {
    Validation.name(parameter(kind), name, kind == EntityKind.ROLE ? 64 : 128);
  }

  /** The lower-case word AWS uses in messages: "user", "group", "role". */
  static String word(EntityKind kind) {
    return switch (kind) {
      case USER -> "user";
      case GROUP -> "group";
      case ROLE -> "role";
    };
  }
}
