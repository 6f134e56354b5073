package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.List;

/**
 * Tags of customer managed policies. spec: IAM API Reference, TagPolicy, UntagPolicy,
 * ListPolicyTags ("The ARN of the IAM customer managed policy"); the same rules and limits as user
 * and role tags.
 */
public final class PolicyTags {
  private final IamContext ctx;

  PolicyTags(IamContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The id the policy's tags are stored under. AWS managed policies have none: AWS documents the
   * tag actions for customer managed policies only (DEVIATIONS names the error chosen).
   */
  private static String policyId(ReadTransaction tx, String accountId, String arn) {
    if (Arns.parsePolicy(arn).map(Arns.PolicyArn::isAwsManaged).orElse(false)) {
      throw GatehouseException.invalidInput(
          "Policy " + arn + " is an AWS managed policy; only customer managed policies have tags.");
    }
    return tx.policies().policy(accountId, arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn)).id();
  }

  public void tag(String accountId, String policyArn, List<Tag> tags) {
    Validation.policyArn("policyArn", policyArn);
    EntityTags.tag(ctx, accountId, tx -> policyId(tx, accountId, policyArn), tags);
  }

  public void untag(String accountId, String policyArn, List<String> tagKeys) {
    Validation.policyArn("policyArn", policyArn);
    EntityTags.untag(ctx, accountId, tx -> policyId(tx, accountId, policyArn), tagKeys);
  }

  public Page<Tag> list(String accountId, String policyArn, PageRequest page) {
    Validation.policyArn("policyArn", policyArn);
    return EntityTags.list(ctx, tx -> policyId(tx, accountId, policyArn), page);
  }

  /**
   * The tags GetPolicy and CreatePolicy show: a customer managed policy's, none for AWS's own (and
   * none for a policy deleted meanwhile: GetPolicy found it a moment ago).
   */
  public List<Tag> of(String accountId, String policyArn) {
    if (Arns.parsePolicy(policyArn).map(Arns.PolicyArn::isAwsManaged).orElse(true)) {
      return List.of();
    }
    return ctx.read(
        tx ->
            tx.policies()
                .policy(accountId, policyArn)
                .map(p -> tx.tags().tags(p.id()))
                .orElse(List.of()));
  }
}
