package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Start-up step: the trust policies stored before their principals were resolved on write get them
 * resolved once ({@link TrustPrincipals}). A principal that no longer exists has no id to resolve
 * to; it is left as written, names no one ({@code TrustAuthorizer}), and is reported on every start
 * until the policy is written again. Running again changes nothing; nodes sharing a store may run
 * it at once (each write resolves again under the store's write lock).
 */
public final class StoredTrustPolicies {
  private StoredTrustPolicies() {}

  /** A principal of a stored trust policy that names no existing user, role or role session. */
  public record Unresolved(String accountId, String roleName, String principal) {
    public Unresolved {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(roleName, "roleName");
      Objects.requireNonNull(principal, "principal");
    }
  }

  /** Resolves every account's stored trust policies; the principals left unresolved. */
  static List<Unresolved> resolve(IamContext ctx) {
    List<Unresolved> unresolved = new ArrayList<>();
    Map<String, List<String>> toWrite = new TreeMap<>();
    ctx.read(
        tx -> {
          for (Account account : tx.accounts()) {
            for (Role role : tx.roles(account.id())) {
              TrustPrincipals.Stored stored = stored(tx, role);
              if (!stored.document().equals(role.assumeRolePolicyDocument())) {
                toWrite.computeIfAbsent(account.id(), a -> new ArrayList<>()).add(role.name());
              }
              for (String principal : stored.unresolved()) {
                unresolved.add(new Unresolved(account.id(), role.name(), principal));
              }
            }
          }
          return null;
        });
    toWrite.forEach(
        (accountId, roleNames) ->
            ctx.write(
                accountId,
                tx -> {
                  for (String name : roleNames) {
                    // Read again under the write lock: another node may have resolved it already.
                    tx.role(accountId, name)
                        .ifPresent(
                            role -> {
                              String document = stored(tx, role).document();
                              if (!document.equals(role.assumeRolePolicyDocument())) {
                                tx.updateRole(role.withAssumeRolePolicyDocument(document));
                              }
                            });
                  }
                  return null;
                }));
    return List.copyOf(unresolved);
  }

  private static TrustPrincipals.Stored stored(ReadTransaction tx, Role role) {
    return TrustPrincipals.resolveStored(tx, role.assumeRolePolicyDocument());
  }
}
