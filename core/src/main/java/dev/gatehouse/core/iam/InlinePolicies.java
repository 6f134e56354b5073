package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import java.util.List;
import java.util.Locale;

/** Inline policies of users, groups and roles. spec: Put/Get/List/Delete{User,Group,Role}Policy. */
public final class InlinePolicies {
  private final IamContext ctx;

  InlinePolicies(IamContext ctx) {
    this.ctx = ctx;
  }

  /**
   * spec: IAM quotas: aggregate inline policy size per user 2,048, group 5,120, role 10,240
   * characters (whitespace excluded).
   */
  static int maxAggregateSize(EntityKind kind) {
    return switch (kind) {
      case USER -> 2048;
      case GROUP -> 5120;
      case ROLE -> 10240;
    };
  }

  public void put(
      String accountId, EntityKind kind, String entityName, String policyName, String document) {
    Entities.validateName(kind, entityName);
    Validation.name("policyName", policyName, 128);
    Validation.document("policyDocument", document);
    ctx.validator().validate(document, DocumentKind.IDENTITY);
    ctx.write(
        accountId,
        Attachments.changeOf(kind, entityName),
        tx -> {
          EntityRef e = Entities.resolveForChange(tx, accountId, kind, entityName);
          int total = Validation.sizeWithoutWhitespace(document);
          for (InlinePolicy p : tx.inlinePolicies().inlinePolicies(e.id())) {
            if (!p.name().equalsIgnoreCase(policyName)) {
              total += Validation.sizeWithoutWhitespace(p.document());
            }
          }
          int max = maxAggregateSize(kind);
          if (total > max) {
            throw GatehouseException.limitExceeded(
                "Maximum policy size of "
                    + max
                    + " bytes exceeded for "
                    + Entities.word(kind)
                    + " "
                    + e.name());
          }
          tx.inlinePolicies().putInlinePolicy(new InlinePolicy(e.id(), policyName, document));
          return null;
        });
  }

  public InlinePolicy get(String accountId, EntityKind kind, String entityName, String policyName) {
    Entities.validateName(kind, entityName);
    Validation.name("policyName", policyName, 128);
    // From the account's snapshot (EntityReads) where there is one; names match ignoring case.
    for (InlinePolicy p : Entities.policies(ctx, accountId, kind, entityName).inline()) {
      if (p.name().equalsIgnoreCase(policyName)) {
        return p;
      }
    }
    throw IamErrors.noSuchInlinePolicy(Entities.word(kind), policyName);
  }

  /** The names of an entity's inline policies. */
  public Page<String> list(String accountId, EntityKind kind, String entityName, PageRequest page) {
    Entities.validateName(kind, entityName);
    List<String> names =
        Entities.policies(ctx, accountId, kind, entityName).inline().stream()
            .map(InlinePolicy::name)
            .toList();
    return Page.slice(names, n -> n.toLowerCase(Locale.ROOT), page);
  }

  public void delete(String accountId, EntityKind kind, String entityName, String policyName) {
    Entities.validateName(kind, entityName);
    Validation.name("policyName", policyName, 128);
    ctx.write(
        accountId,
        Attachments.changeOf(kind, entityName),
        tx -> {
          EntityRef e = Entities.resolveForChange(tx, accountId, kind, entityName);
          if (!tx.inlinePolicies().deleteInlinePolicy(e.id(), policyName)) {
            throw IamErrors.noSuchInlinePolicy(Entities.word(kind), policyName);
          }
          return null;
        });
  }
}
