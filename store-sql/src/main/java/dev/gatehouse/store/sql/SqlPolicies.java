package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.store.PolicyWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL policies of a transaction: Customer managed policies, their versions and attachments (AWS
 * managed policies are attached here too).
 */
final class SqlPolicies implements PolicyWrites {
  private final Jdbc jdbc;

  SqlPolicies(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<ManagedPolicy> policy(String accountId, String arn) {
    return jdbc.one(
        "SELECT "
            + SqlRows.POLICY_COLUMNS
            + " FROM iam_policies p WHERE p.account_id = ? AND p.arn = ?",
        SqlRows::policy,
        accountId,
        arn);
  }

  @Override
  public List<ManagedPolicy> policies(String accountId) {
    return jdbc.list(
        "SELECT "
            + SqlRows.POLICY_COLUMNS
            + " FROM iam_policies p WHERE p.account_id = ?"
            + " ORDER BY p.name_lc",
        SqlRows::policy,
        accountId);
  }

  @Override
  public int policyCount(String accountId) {
    return (int) jdbc.count("SELECT COUNT(*) FROM iam_policies WHERE account_id = ?", accountId);
  }

  @Override
  public Optional<ManagedPolicy> policyByName(String accountId, String name) {
    return jdbc.one(
        "SELECT "
            + SqlRows.POLICY_COLUMNS
            + " FROM iam_policies p WHERE p.account_id = ? AND p.name_lc = ?",
        SqlRows::policy,
        accountId,
        SqlRows.lower(name));
  }

  @Override
  public int boundaryUseCount(String policyArn) {
    return (int)
        (jdbc.count("SELECT COUNT(*) FROM iam_users WHERE boundary_arn = ?", policyArn)
            + jdbc.count("SELECT COUNT(*) FROM iam_roles WHERE boundary_arn = ?", policyArn));
  }

  @Override
  public List<PolicyVersion> policyVersions(String accountId, String policyArn) {
    return jdbc.list(
        "SELECT v.version_num, v.document, v.created_at, p.default_version"
            + " FROM iam_policy_versions v JOIN iam_policies p ON p.id = v.policy_id"
            + " WHERE p.account_id = ? AND p.arn = ? ORDER BY v.version_num",
        rs -> version(policyArn, rs),
        accountId,
        policyArn);
  }

  @Override
  public Optional<PolicyVersion> policyVersion(
      String accountId, String policyArn, String versionId) {
    Optional<Integer> number = versionNumber(versionId);
    if (number.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.one(
        "SELECT v.version_num, v.document, v.created_at, p.default_version"
            + " FROM iam_policy_versions v JOIN iam_policies p ON p.id = v.policy_id"
            + " WHERE p.account_id = ? AND p.arn = ? AND v.version_num = ?",
        rs -> version(policyArn, rs),
        accountId,
        policyArn,
        number.get());
  }

  @Override
  public List<String> attachedPolicies(String entityId) {
    return jdbc.list(
        "SELECT policy_arn FROM iam_attachments WHERE entity_id = ? ORDER BY policy_arn",
        rs -> rs.getString(1),
        entityId);
  }

  @Override
  public List<EntityRef> entitiesForPolicy(String accountId, String policyArn) {
    List<EntityRef> out = new ArrayList<>();
    out.addAll(attachedTo(EntityKind.USER, "iam_users", accountId, policyArn));
    out.addAll(attachedTo(EntityKind.GROUP, "iam_groups", accountId, policyArn));
    out.addAll(attachedTo(EntityKind.ROLE, "iam_roles", accountId, policyArn));
    return out;
  }

  @Override
  public Map<String, Integer> attachmentCounts(String accountId) {
    Map<String, Integer> out = new HashMap<>();
    jdbc.list(
            "SELECT policy_arn, COUNT(*) FROM iam_attachments WHERE account_id = ?"
                + " GROUP BY policy_arn",
            rs -> Map.entry(rs.getString(1), rs.getInt(2)),
            accountId)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return Map.copyOf(out);
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
        SqlRows.lower(policy.name()),
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

  /** The N of a plain {@code vN} version id. */
  static Optional<Integer> versionNumber(String versionId) {
    if (!versionId.matches("v[1-9][0-9]{0,8}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(versionId.substring(1)));
  }

  private static PolicyVersion version(String arn, ResultSet rs) throws SQLException {
    int n = rs.getInt(1);
    return new PolicyVersion(
        arn, "v" + n, rs.getString(2), n == rs.getInt(4), SqlRows.instant(rs, 3));
  }

  private List<EntityRef> attachedTo(
      EntityKind kind, String table, String accountId, String policyArn) {
    return jdbc.list(
        "SELECT e.id, e.name FROM iam_attachments a JOIN "
            + table
            + " e ON e.id = a.entity_id WHERE a.account_id = ? AND a.policy_arn = ?"
            + " ORDER BY e.name_lc",
        rs -> new EntityRef(kind, rs.getString(1), rs.getString(2)),
        accountId,
        policyArn);
  }
}
