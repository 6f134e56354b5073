package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.Store;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of one user or role by name, which an in-memory view of the account can answer without a
 * store transaction (GetUser, GetRole, their listings and tags).
 *
 * <p>INVARIANT (read-your-writes): an implementation answers from state at least as new as every
 * write committed through {@link IamServices} on this node before the call began.
 */
public interface EntityReads {
  /** The user and its tags, empty when the account has no user of that name. */
  Optional<TaggedUser> user(String accountId, String userName);

  /** The role and its tags, empty when the account has no role of that name. */
  Optional<TaggedRole> role(String accountId, String roleName);

  /** Every user of the account, in no particular order (ListUsers sorts). */
  Collection<User> users(String accountId);

  /** Every role of the account, in no particular order (ListRoles sorts). */
  Collection<Role> roles(String accountId);

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
      public Collection<User> users(String accountId) {
        return store.read(tx -> tx.users().users(accountId));
      }

      @Override
      public Collection<Role> roles(String accountId) {
        return store.read(tx -> tx.roles().roles(accountId));
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
