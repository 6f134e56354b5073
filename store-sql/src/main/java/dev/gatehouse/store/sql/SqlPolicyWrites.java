package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.error.IamErrors;
import java.time.Instant;
import java.util.List;

/**
 * The policy part of a write transaction: managed policies and their versions, inline policies and
 * attachments; {@link SqlWrites} adds the rest.
 */
abstract class SqlPolicyWrites extends SqlOidcProviderWrites {

  SqlPolicyWrites(Jdbc jdbc) {
    super(jdbc);
  }

  @Override
  public void createPolicy(ManagedPolicy policy, String document) {
    requireAccount(policy.accountId());
    if (jdbc.count(
            "SELECT COUNT(*) FROM iam_policies WHERE account_id = ? AND name_lc = ?",
            policy.accountId(),
            lower(policy.name()))
        > 0) {
      throw IamErrors.policyExists(policy.name());
    }
    long created = policy.createDate().toEpochMilli();
    jdbc.update(
        "INSERT INTO iam_policies (id, account_id, name, name_lc, path, arn, default_version,"
            + " next_version, description, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 1, 2, ?, ?, ?)",
        policy.id(),
        policy.accountId(),
        policy.name(),
        lower(policy.name()),
        policy.path(),
        policy.arn(),
        policy.description(),
        created,
        created);
    jdbc.update(
        "INSERT INTO iam_policy_versions (policy_id, version_num, document, created_at)"
            + " VALUES (?, 1, ?, ?)",
        policy.id(),
        document,
        created);
  }

  private ManagedPolicy requirePolicy(String accountId, String arn) {
    return policy(accountId, arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
  }

  @Override
  public PolicyVersion createPolicyVersion(
      String accountId,
      String policyArn,
      String document,
      boolean setAsDefault,
      Instant now,
      int maxVersions) {
    ManagedPolicy p = requirePolicy(accountId, policyArn);
    if (jdbc.count("SELECT COUNT(*) FROM iam_policy_versions WHERE policy_id = ?", p.id())
        >= maxVersions) {
      throw IamErrors.policyVersionLimit(maxVersions);
    }
    // Version numbers are never reused, even after a version is deleted.
    int n = (int) jdbc.count("SELECT next_version FROM iam_policies WHERE id = ?", p.id());
    jdbc.update(
        "INSERT INTO iam_policy_versions (policy_id, version_num, document, created_at)"
            + " VALUES (?, ?, ?, ?)",
        p.id(),
        n,
        document,
        now.toEpochMilli());
    jdbc.update(
        "UPDATE iam_policies SET next_version = ?, updated_at = ? WHERE id = ?",
        n + 1,
        now.toEpochMilli(),
        p.id());
    if (setAsDefault) {
      jdbc.update("UPDATE iam_policies SET default_version = ? WHERE id = ?", n, p.id());
    }
    return new PolicyVersion(policyArn, "v" + n, document, setAsDefault, now);
  }

  @Override
  public void setDefaultPolicyVersion(
      String accountId, String policyArn, String versionId, Instant now) {
    ManagedPolicy p = requirePolicy(accountId, policyArn);
    int n =
        policyVersion(accountId, policyArn, versionId)
            .orElseThrow(() -> IamErrors.noSuchPolicyVersion(policyArn, versionId))
            .number();
    jdbc.update(
        "UPDATE iam_policies SET default_version = ?, updated_at = ? WHERE id = ?",
        n,
        now.toEpochMilli(),
        p.id());
  }

  @Override
  public void deletePolicyVersion(String accountId, String policyArn, String versionId) {
    ManagedPolicy p = requirePolicy(accountId, policyArn);
    PolicyVersion v =
        policyVersion(accountId, policyArn, versionId)
            .orElseThrow(() -> IamErrors.noSuchPolicyVersion(policyArn, versionId));
    if (v.isDefault()) {
      throw IamErrors.cannotDeleteDefaultVersion();
    }
    jdbc.update(
        "DELETE FROM iam_policy_versions WHERE policy_id = ? AND version_num = ?",
        p.id(),
        v.number());
  }

  @Override
  public void deletePolicy(String accountId, String policyArn) {
    ManagedPolicy p = requirePolicy(accountId, policyArn);
    // A boundary is an attachment too: deleting it would leave its users and roles unbounded.
    if (p.attachmentCount() > 0
        || jdbc.count("SELECT COUNT(*) FROM iam_users WHERE boundary_arn = ?", policyArn) > 0
        || jdbc.count("SELECT COUNT(*) FROM iam_roles WHERE boundary_arn = ?", policyArn) > 0) {
      throw IamErrors.policyAttached();
    }
    if (jdbc.count("SELECT COUNT(*) FROM iam_policy_versions WHERE policy_id = ?", p.id()) > 1) {
      throw IamErrors.policyHasVersions();
    }
    jdbc.update("DELETE FROM iam_policy_versions WHERE policy_id = ?", p.id());
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", p.id());
    jdbc.update("DELETE FROM iam_policies WHERE id = ?", p.id());
  }

  @Override
  public void putInlinePolicy(InlinePolicy policy) {
    jdbc.update(
        "DELETE FROM iam_inline_policies WHERE owner_id = ? AND name_lc = ?",
        policy.ownerId(),
        lower(policy.name()));
    jdbc.update(
        "INSERT INTO iam_inline_policies (owner_id, name, name_lc, document) VALUES (?, ?, ?, ?)",
        policy.ownerId(),
        policy.name(),
        lower(policy.name()),
        policy.document());
  }

  @Override
  public boolean deleteInlinePolicy(String ownerId, String name) {
    return jdbc.update(
            "DELETE FROM iam_inline_policies WHERE owner_id = ? AND name_lc = ?",
            ownerId,
            lower(name))
        > 0;
  }

  @Override
  public void attachPolicy(String accountId, EntityRef entity, String policyArn, int maxAttached) {
    List<String> attached = attachedPolicies(entity.id());
    if (attached.contains(policyArn)) {
      return;
    }
    if (attached.size() >= maxAttached) {
      throw IamErrors.quota(quotaName(entity.kind()), maxAttached);
    }
    jdbc.update(
        "INSERT INTO iam_attachments (account_id, entity_id, entity_kind, policy_arn)"
            + " VALUES (?, ?, ?, ?)",
        accountId,
        entity.id(),
        entity.kind().name(),
        policyArn);
  }

  private static String quotaName(EntityKind kind) {
    return switch (kind) {
      case USER -> "PoliciesPerUser";
      case GROUP -> "PoliciesPerGroup";
      case ROLE -> "PoliciesPerRole";
    };
  }

  @Override
  public boolean detachPolicy(String entityId, String policyArn) {
    return jdbc.update(
            "DELETE FROM iam_attachments WHERE entity_id = ? AND policy_arn = ?",
            entityId,
            policyArn)
        > 0;
  }
}
