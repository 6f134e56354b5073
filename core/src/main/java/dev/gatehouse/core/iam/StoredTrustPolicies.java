package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Start-up step: the trust policies stored before their principals were resolved on write get them
 * resolved ({@link TrustPrincipals#resolveStored}). A user, role or session that no longer exists
 * has no id to resolve to; it is held as an id that names no one and reported once, on the start
 * that resolved it. Running again finds nothing to do; nodes sharing a store may run it at once
 * (each account is resolved again under the store's write lock, and only what is still unresolved
 * is changed and reported).
 *
 * <p>Once a start finds every stored trust policy resolved, it records the milestone {@link
 * #RESOLVED}, and later starts read that one row instead of every role's trust policy: every trust
 * policy written since is resolved on write. (A release from before resolution on write, sharing
 * the store with this one, could still store an unresolved one afterwards; such a mix of releases
 * is not supported.)
 */
public final class StoredTrustPolicies {
  private StoredTrustPolicies() {}

  /**
   * A principal of a stored trust policy that names no existing user, role or role session.
   *
   * @param heldAs what the policy holds in its place now: an id that names no one, which GetRole
   *     shows as IAM shows the id of a deleted principal
   */
  public record Unresolved(String accountId, String roleName, String principal, String heldAs) {
    public Unresolved {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(roleName, "roleName");
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(heldAs, "heldAs");
    }
  }

  /** The milestone recorded once every stored trust policy is resolved. */
  static final String RESOLVED = "trust-principals-resolved";

  /** Resolves every account's stored trust policies; the principals that named no one. */
  static List<Unresolved> resolve(IamContext ctx) {
    if (ctx.read(tx -> tx.milestones().reached(RESOLVED))) {
      return List.of();
    }
    // A read first, so that a start with nothing to resolve takes no write lock.
    Set<String> accounts =
        ctx.read(
            tx -> {
              Set<String> out = new TreeSet<>();
              for (Account account : tx.accounts().all()) {
                for (Role role : tx.roles().roles(account.id())) {
                  if (!stored(ctx, tx, role).document().equals(role.assumeRolePolicyDocument())) {
                    out.add(account.id());
                  }
                }
              }
              return out;
            });
    List<Unresolved> unresolved = new ArrayList<>();
    for (String accountId : accounts) {
      unresolved.addAll(
          ctx.write(
              accountId,
              tx -> {
                List<Unresolved> found = new ArrayList<>();
                for (Role role : tx.roles().roles(accountId)) {
                  TrustPrincipals.Stored stored = stored(ctx, tx, role);
                  if (stored.document().equals(role.assumeRolePolicyDocument())) {
                    continue;
                  }
                  tx.roles().updateRole(role.withAssumeRolePolicyDocument(stored.document()));
                  for (TrustPrincipals.Unresolved u : stored.unresolved()) {
                    found.add(new Unresolved(accountId, role.name(), u.principal(), u.heldAs()));
                  }
                }
                return found;
              }));
    }
    // Resolved now: a node that raced this one resolved the same accounts under the write lock.
    ctx.store()
        .write(
            tx -> {
              tx.milestones().reach(RESOLVED, ctx.now());
              return null;
            });
    return List.copyOf(unresolved);
  }

  private static TrustPrincipals.Stored stored(IamContext ctx, ReadTransaction tx, Role role) {
    return TrustPrincipals.resolveStored(tx, role.assumeRolePolicyDocument(), ctx.ids());
  }
}
