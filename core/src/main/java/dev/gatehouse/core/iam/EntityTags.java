package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Tagging of a taggable entity (user, role): one set of rules and limits for every kind. {@code
 * entityId} finds the entity inside the transaction (throwing AWS's NoSuchEntity) and returns its
 * unique id, which the store keys tags by.
 */
final class EntityTags {
  private EntityTags() {}

  /** Tags an entity no snapshot classifies (its write makes the account be read again). */
  static void tag(
      IamContext ctx,
      String accountId,
      Function<ReadTransaction, String> entityId,
      List<Tag> tags) {
    tag(ctx, accountId, entityId, Change.wholeAccount(), tags);
  }

  static void untag(
      IamContext ctx,
      String accountId,
      Function<ReadTransaction, String> entityId,
      List<String> tagKeys) {
    untag(ctx, accountId, entityId, Change.wholeAccount(), tagKeys);
  }

  /** Tags a principal: {@code change} names it, so the snapshot reads only it again. */
  static void tag(
      IamContext ctx,
      String accountId,
      Function<ReadTransaction, String> entityId,
      Change change,
      List<Tag> tags) {
    Validation.tags(tags);
    ctx.write(
        accountId,
        change,
        tx -> {
          IamRules.putTags(tx, entityId.apply(tx), tags);
          return null;
        });
  }

  static void untag(
      IamContext ctx,
      String accountId,
      Function<ReadTransaction, String> entityId,
      Change change,
      List<String> tagKeys) {
    Validation.tagKeys(tagKeys);
    ctx.write(
        accountId,
        change,
        tx -> {
          tx.tags().removeTags(entityId.apply(tx), tagKeys);
          return null;
        });
  }

  static Page<Tag> list(
      IamContext ctx, Function<ReadTransaction, String> entityId, PageRequest page) {
    return page(ctx.read(tx -> tx.tags().tags(entityId.apply(tx))), page);
  }

  /** One page of an entity's tags, by key. */
  static Page<Tag> page(List<Tag> tags, PageRequest page) {
    return Page.slice(tags, t -> t.key().toLowerCase(Locale.ROOT), page);
  }
}
