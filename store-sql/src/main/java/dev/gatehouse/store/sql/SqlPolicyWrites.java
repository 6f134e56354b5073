package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import java.time.Instant;

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

  @Override
  public PolicyVersion createPolicyVersion(
      ManagedPolicy p, String document, boolean setAsDefault, Instant now) {
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
    return new PolicyVersion(p.arn(), "v" + n, document, setAsDefault, now);
  }

  @Override
  public void setDefaultPolicyVersion(ManagedPolicy p, int versionNumber, Instant now) {
    jdbc.update(
        "UPDATE iam_policies SET default_version = ?, updated_at = ? WHERE id = ?",
        versionNumber,
        now.toEpochMilli(),
        p.id());
  }

  @Override
  public void deletePolicyVersion(ManagedPolicy p, int versionNumber) {
    jdbc.update(
        "DELETE FROM iam_policy_versions WHERE policy_id = ? AND version_num = ?",
        p.id(),
        versionNumber);
  }

  @Override
  public void deletePolicy(ManagedPolicy p) {
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
  public boolean attachPolicy(String accountId, EntityRef entity, String policyArn) {
    if (attachedPolicies(entity.id()).contains(policyArn)) {
      return false;
    }
    jdbc.update(
        "INSERT INTO iam_attachments (account_id, entity_id, entity_kind, policy_arn)"
            + " VALUES (?, ?, ?, ?)",
        accountId,
        entity.id(),
        entity.kind().name(),
        policyArn);
    return true;
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
