package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.Store;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of users, groups, roles and their policies, which an in-memory view of the account can
 * answer without a store transaction (GetUser, GetRole, GetGroup, their listings, tags, inline and
 * attached policies, ListPolicies).
 *
 * <p>INVARIANT (read-your-writes): an implementation answers from state at least as new as every
 * write committed through {@link IamServices} on this node before the call began.
 */
public interface EntityReads {
  /** The user and its tags, empty when the account has no user of that name. */
  Optional<TaggedUser> user(String accountId, String userName);

  /** The role and its tags, empty when the account has no role of that name. */
  Optional<TaggedRole> role(String accountId, String roleName);

  /** Every user of the account, in ListUsers' order: by lower-case name. */
  List<User> users(String accountId);

  /** Every role of the account, in ListRoles' order: by lower-case name. */
  List<Role> roles(String accountId);

  /** Every group of the account, in no particular order (ListGroups sorts). */
  Collection<Group> groups(String accountId);

  /** The group and its users, empty when the account has no group of that name. */
  Optional<GroupMembers> group(String accountId, String groupName);

  /**
   * The groups the user is in, in no particular order; empty when the account has no user of that
   * name.
   */
  Optional<List<Group>> groupsForUser(String accountId, String userName);

  /**
   * The inline and attached policies of the user, group or role itself; empty when the account has
   * no such entity.
   */
  Optional<EntityPolicies> policies(String accountId, EntityKind kind, String name);

  /**
   * The account's customer managed policies, each with its attachment count, in ListPolicies' order
   * ({@link ManagedPolicy#LISTING_ORDER}).
   */
  List<ManagedPolicy> customerPolicies(String accountId);

  /** How many users, groups and roles each managed policy ARN is attached to in the account. */
  Map<String, Integer> attachmentCounts(String accountId);

  /**
   * The current ARN of the user or role with this unique id, in whichever account holds it; empty
   * when no user or role has it (deleted). Shows the principals of trust policies ({@link
   * TrustPrincipals#render}).
   */
  Optional<String> principalArn(String uniqueId);

  /** Reads from the store, one read transaction per call. */
  static EntityReads of(Store store) {
    return new EntityReads() {
      @Override
      public Optional<TaggedUser> user(String accountId, String userName) {
        return store.read(
            tx ->
                tx.users()
                    .user(accountId, userName)
                    .map(u -> new TaggedUser(u, tx.tags().tags(u.id()))));
      }

      @Override
      public Optional<TaggedRole> role(String accountId, String roleName) {
        return store.read(
            tx ->
                tx.roles()
                    .role(accountId, roleName)
                    .map(
                        r ->
                            new TaggedRole(
                                r, tx.tags().tags(r.id()), tx.roles().roleLastUsed(r.id()))));
      }

      @Override
      public List<User> users(String accountId) {
        return store.read(tx -> tx.users().users(accountId)).stream()
            .sorted(Comparator.comparing(u -> u.name().toLowerCase(Locale.ROOT)))
            .toList();
      }

      @Override
      public List<Role> roles(String accountId) {
        return store.read(tx -> tx.roles().roles(accountId)).stream()
            .sorted(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)))
            .toList();
      }

      @Override
      public Collection<Group> groups(String accountId) {
        return store.read(tx -> tx.groups().groups(accountId));
      }

      @Override
      public Optional<GroupMembers> group(String accountId, String groupName) {
        return store.read(
            tx ->
                tx.groups()
                    .group(accountId, groupName)
                    .map(g -> new GroupMembers(g, tx.groups().groupMembers(g.id()))));
      }

      @Override
      public Optional<List<Group>> groupsForUser(String accountId, String userName) {
        return store.read(
            tx -> tx.users().user(accountId, userName).map(u -> tx.groups().groupsForUser(u.id())));
      }

      @Override
      public Optional<EntityPolicies> policies(String accountId, EntityKind kind, String name) {
        return store.read(
            tx -> {
              Optional<String> id =
                  switch (kind) {
                    case USER -> tx.users().user(accountId, name).map(User::id);
                    case GROUP -> tx.groups().group(accountId, name).map(Group::id);
                    case ROLE -> tx.roles().role(accountId, name).map(Role::id);
                  };
              return id.map(
                  i ->
                      new EntityPolicies(
                          tx.inlinePolicies().inlinePolicies(i),
                          tx.policies().attachedPolicies(i)));
            });
      }

      @Override
      public List<ManagedPolicy> customerPolicies(String accountId) {
        return store.read(
            tx ->
                tx.policies().policies(accountId).stream()
                    .sorted(ManagedPolicy.LISTING_ORDER)
                    .toList());
      }

      @Override
      public Optional<String> principalArn(String uniqueId) {
        return store.read(
            tx ->
                tx.users()
                    .userById(uniqueId)
                    .map(User::arn)
                    .or(
                        () ->
                            tx.accounts().all().stream()
                                .flatMap(a -> tx.roles().roles(a.id()).stream())
                                .filter(r -> r.id().equals(uniqueId))
                                .findFirst()
                                .map(Role::arn)));
      }

      @Override
      public Map<String, Integer> attachmentCounts(String accountId) {
        return store.read(tx -> tx.policies().attachmentCounts(accountId));
      }
    };
  }
}
