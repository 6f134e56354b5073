package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.store.ReadTransaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Long-term access keys: the IAM actions, and {@link #resolve} (an {@link AccessKeyResolver}).
 *
 * <p>Secrets are sealed with the key ring, bound to their access key id, before they reach the
 * store; the plaintext exists only in CreateAccessKey's answer and in {@link ResolvedKey}.
 */
public final class AccessKeys {
  /** spec: IAM quotas: access keys assigned to an IAM user (and to the root user): 2. */
  public static final int MAX_KEYS = 2;

  private final IamContext ctx;
  private final AccessKeyResolver resolver;

  AccessKeys(IamContext ctx) {
    this.ctx = ctx;
    this.resolver = new AccessKeyResolver(ctx.store(), ctx.keyRing());
  }

  /** The associated data that binds a sealed secret to its row. */
  public static String binding(String accessKeyId) {
    return "access-key:" + accessKeyId;
  }

  public CreatedAccessKey createAccessKey(String accountId, KeyHolder holder) {
    holder.validate();
    String id = ctx.ids().accessKeyId();
    String secret = ctx.ids().secretAccessKey();
    return ctx.write(
        accountId,
        tx -> {
          KeyHolder.Resolved h = holder.resolve(tx, accountId);
          AccessKey key =
              new AccessKey(id, accountId, h.owner(), AccessKeyStatus.ACTIVE, ctx.now());
          store(ctx, tx, key, secret);
          return new CreatedAccessKey(key, h.userName(), secret);
        });
  }

  /** Seals the secret to its key id and stores both (2 keys per owner at most). */
  static void store(
      IamContext ctx, dev.gatehouse.core.store.WriteTransaction tx, AccessKey key, String secret) {
    String sealed =
        ctx.keyRing().seal(secret.getBytes(StandardCharsets.UTF_8), binding(key.accessKeyId()));
    IamRules.createAccessKey(tx, key, sealed, MAX_KEYS);
  }

  public Page<AccessKeyView> listAccessKeys(String accountId, KeyHolder holder, PageRequest page) {
    holder.validate();
    List<AccessKeyView> keys =
        ctx.read(
            tx -> {
              KeyHolder.Resolved h = holder.resolve(tx, accountId);
              return tx.keys().accessKeys(accountId, h.owner()).stream()
                  .map(k -> new AccessKeyView(k, h.userName()))
                  .toList();
            });
    return Page.slice(keys, v -> v.key().accessKeyId(), page);
  }

  private static AccessKey owned(
      ReadTransaction tx, String accountId, KeyHolder.Resolved h, String accessKeyId) {
    return tx.keys()
        .accessKey(accessKeyId)
        .filter(k -> k.accountId().equals(accountId) && k.owner().equals(h.owner()))
        .orElseThrow(() -> IamErrors.noSuchAccessKey(accessKeyId));
  }

  public void updateAccessKey(
      String accountId, KeyHolder holder, String accessKeyId, AccessKeyStatus status) {
    holder.validate();
    Validation.accessKeyId(accessKeyId);
    ctx.write(
        accountId,
        tx -> {
          owned(tx, accountId, holder.resolve(tx, accountId), accessKeyId);
          if (!tx.keys().updateAccessKeyStatus(accessKeyId, status)) {
            throw IamErrors.noSuchAccessKey(accessKeyId);
          }
          return null;
        });
  }

  public void deleteAccessKey(String accountId, KeyHolder holder, String accessKeyId) {
    holder.validate();
    Validation.accessKeyId(accessKeyId);
    ctx.write(
        accountId,
        tx -> {
          owned(tx, accountId, holder.resolve(tx, accountId), accessKeyId);
          if (!tx.keys().deleteAccessKey(accessKeyId)) {
            throw IamErrors.noSuchAccessKey(accessKeyId);
          }
          return null;
        });
  }

  public KeyLastUsed getAccessKeyLastUsed(String accountId, String accessKeyId) {
    Validation.accessKeyId(accessKeyId);
    return ctx.read(
        tx -> {
          AccessKey k =
              tx.keys()
                  .accessKey(accessKeyId)
                  .filter(x -> x.accountId().equals(accountId))
                  .orElseThrow(() -> IamErrors.noSuchAccessKey(accessKeyId));
          String userName = "";
          if (k.owner() instanceof AccessKeyOwner.IamUser u) {
            userName = tx.users().userById(u.userId()).map(User::name).orElse("");
          }
          return new KeyLastUsed(userName, tx.keys().accessKeyLastUsed(accessKeyId));
        });
  }

  /** Records a successful use (the server decides how often to call this). */
  public void recordUse(String accessKeyId, String serviceName, String region) {
    ctx.store()
        .write(
            tx -> {
              if (!tx.keys()
                  .recordAccessKeyUse(
                      accessKeyId, new AccessKeyLastUsed(ctx.now(), serviceName, region))) {
                throw IamErrors.noSuchAccessKey(accessKeyId);
              }
              return null;
            });
  }

  /**
   * The key's account, principal, status and decrypted secret, or empty when no such key exists.
   * Inactive keys resolve too: the caller refuses them (InvalidClientTokenId).
   */
  public Optional<ResolvedKey> resolve(String accessKeyId) {
    return resolver.resolve(accessKeyId);
  }
}
