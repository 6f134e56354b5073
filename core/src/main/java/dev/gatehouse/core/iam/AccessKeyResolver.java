package dev.gatehouse.core.iam;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Resolves a long-term access key for SigV4 authentication: its account, principal, status and
 * unsealed secret. It needs only the store and the key ring, so authentication's key cache can be
 * built before the IAM services (which report their writes to that cache).
 */
public final class AccessKeyResolver {
  private final Store store;
  private final KeyRing keyRing;

  public AccessKeyResolver(Store store, KeyRing keyRing) {
    this.store = store;
    this.keyRing = keyRing;
  }

  /**
   * The key's account, principal, status and decrypted secret, or empty when no such key exists (or
   * its user no longer does). Inactive keys resolve too: the caller refuses them
   * (InvalidClientTokenId).
   */
  public Optional<ResolvedKey> resolve(String accessKeyId) {
    return store.read(
        tx -> {
          Optional<AccessKey> key = tx.keys().accessKey(accessKeyId);
          if (key.isEmpty()) {
            return Optional.empty();
          }
          AccessKey k = key.get();
          ResolvedKey.KeyPrincipal principal;
          if (k.owner() instanceof AccessKeyOwner.IamUser u) {
            Optional<User> user = tx.users().userById(u.userId());
            if (user.isEmpty()) {
              return Optional.empty();
            }
            principal = new ResolvedKey.KeyPrincipal.IamUser(user.get());
          } else {
            principal = new ResolvedKey.KeyPrincipal.Root(k.accountId());
          }
          String sealed = tx.keys().sealedSecret(accessKeyId).orElseThrow();
          String secret =
              new String(
                  keyRing.open(sealed, AccessKeys.binding(accessKeyId)), StandardCharsets.UTF_8);
          return Optional.of(
              new ResolvedKey(accessKeyId, k.accountId(), principal, k.status(), secret));
        });
  }
}
