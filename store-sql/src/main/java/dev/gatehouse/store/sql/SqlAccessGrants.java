package dev.gatehouse.store.sql;

import dev.gatehouse.core.grants.AccessDecision;
import dev.gatehouse.core.grants.AccessGrant;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.NotificationConfig;
import dev.gatehouse.core.grants.RequestPolicy;
import dev.gatehouse.core.store.AccessGrantWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The access-grant tables (V10): request policies, access requests and their history. */
final class SqlAccessGrants implements AccessGrantWrites {
  private static final String POLICY_COLUMNS =
      "account_id, role_id, role_arn, max_duration_s, approvers, quorum, mfa_to_request,"
          + " mfa_to_approve, reason_required, ticket_required, break_glass, single_use,"
          + " updated_at";
  private static final String REQUEST_COLUMNS =
      "id, account_id, role_id, role_arn, requester_id, requester_arn, reason, ticket,"
          + " duration_s, not_before, created_at, status, quorum, single_use, break_glass,"
          + " grant_id, grant_start, grant_end, grant_used, ended_at, ended_reason";
  private static final String DECISION_COLUMNS =
      "request_id, seq, at, actor_arn, kind, comment, detail";

  private final Jdbc jdbc;

  SqlAccessGrants(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static RequestPolicy policy(ResultSet rs) throws SQLException {
    String approvers = rs.getString(5);
    return new RequestPolicy(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Duration.ofSeconds(rs.getLong(4)),
        approvers.isEmpty() ? List.of() : Arrays.asList(approvers.split("\n")),
        rs.getInt(6),
        rs.getInt(7) != 0,
        rs.getInt(8) != 0,
        rs.getInt(9) != 0,
        rs.getInt(10) != 0,
        rs.getInt(11) != 0,
        rs.getInt(12) != 0,
        SqlRows.instant(rs, 13));
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  private static AccessRequest request(ResultSet rs) throws SQLException {
    String grantId = rs.getString(16);
    Optional<AccessGrant> grant =
        grantId == null
            ? Optional.empty()
            : Optional.of(
                new AccessGrant(
                    grantId, SqlRows.instant(rs, 17), SqlRows.instant(rs, 18), rs.getInt(19) != 0));
    Optional<Instant> endedAt = optionalInstant(rs, 20);
    String endedReason = rs.getString(21);
    Optional<AccessRequest.Ending> ended =
        endedAt.isPresent() && endedReason != null
            ? Optional.of(
                new AccessRequest.Ending(
                    endedAt.get(), AccessRequest.EndReason.valueOf(endedReason)))
            : Optional.empty();
    return new AccessRequest(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        Duration.ofSeconds(rs.getLong(9)),
        optionalInstant(rs, 10),
        SqlRows.instant(rs, 11),
        AccessRequest.Status.valueOf(rs.getString(12)),
        rs.getInt(13),
        rs.getInt(14) != 0,
        rs.getInt(15) != 0,
        grant,
        ended);
  }

  private static AccessDecision decision(ResultSet rs) throws SQLException {
    return new AccessDecision(
        rs.getString(1),
        rs.getInt(2),
        SqlRows.instant(rs, 3),
        rs.getString(4),
        AccessDecision.Kind.valueOf(rs.getString(5)),
        rs.getString(6),
        rs.getString(7));
  }

  @Override
  public Optional<RequestPolicy> requestPolicy(String roleId) {
    return jdbc.one(
        "SELECT " + POLICY_COLUMNS + " FROM gh_request_policies WHERE role_id = ?",
        SqlAccessGrants::policy,
        roleId);
  }

  @Override
  public List<RequestPolicy> requestPolicies() {
    return jdbc.list(
        "SELECT " + POLICY_COLUMNS + " FROM gh_request_policies ORDER BY role_id",
        SqlAccessGrants::policy);
  }

  @Override
  public Optional<AccessRequest> accessRequest(String accountId, String requestId) {
    return jdbc.one(
        "SELECT " + REQUEST_COLUMNS + " FROM gh_access_requests WHERE account_id = ? AND id = ?",
        SqlAccessGrants::request,
        accountId,
        requestId);
  }

  @Override
  public Optional<AccessRequest> accessRequestByGrant(String accountId, String grantId) {
    return jdbc.one(
        "SELECT "
            + REQUEST_COLUMNS
            + " FROM gh_access_requests WHERE account_id = ? AND grant_id = ?",
        SqlAccessGrants::request,
        accountId,
        grantId);
  }

  @Override
  public List<AccessRequest> accessRequests(String accountId) {
    return jdbc.list(
        "SELECT "
            + REQUEST_COLUMNS
            + " FROM gh_access_requests WHERE account_id = ? ORDER BY created_at, id",
        SqlAccessGrants::request,
        accountId);
  }

  @Override
  public List<AccessRequest> activeAccessRequests(String roleId, String requesterId) {
    return jdbc.list(
        "SELECT "
            + REQUEST_COLUMNS
            + " FROM gh_access_requests WHERE role_id = ? AND requester_id = ? AND status = ?"
            + " ORDER BY created_at, id",
        SqlAccessGrants::request,
        roleId,
        requesterId,
        AccessRequest.Status.ACTIVE.name());
  }

  @Override
  public List<AccessRequest> activeAccessRequests(String accountId) {
    return jdbc.list(
        "SELECT "
            + REQUEST_COLUMNS
            + " FROM gh_access_requests WHERE account_id = ? AND status = ?"
            + " ORDER BY created_at, id",
        SqlAccessGrants::request,
        accountId,
        AccessRequest.Status.ACTIVE.name());
  }

  @Override
  public List<AccessRequest> activeAccessRequestsEndedBy(Instant at) {
    return jdbc.list(
        "SELECT "
            + REQUEST_COLUMNS
            + " FROM gh_access_requests WHERE status = ? AND grant_end <= ?"
            + " ORDER BY created_at, id",
        SqlAccessGrants::request,
        AccessRequest.Status.ACTIVE.name(),
        at.toEpochMilli());
  }

  @Override
  public Optional<NotificationConfig> notificationConfig(String accountId) {
    return jdbc.one(
        "SELECT account_id, url, sealed_secret, format, updated_at FROM gh_access_notifications"
            + " WHERE account_id = ?",
        rs ->
            new NotificationConfig(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                NotificationConfig.Format.valueOf(rs.getString(4)),
                SqlRows.instant(rs, 5)),
        accountId);
  }

  @Override
  public void putNotificationConfig(NotificationConfig c) {
    deleteNotificationConfig(c.accountId());
    jdbc.update(
        "INSERT INTO gh_access_notifications (account_id, url, sealed_secret, format, updated_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        c.accountId(),
        c.url(),
        c.sealedSecret(),
        c.format().name(),
        c.updatedAt().toEpochMilli());
  }

  @Override
  public boolean deleteNotificationConfig(String accountId) {
    return jdbc.update("DELETE FROM gh_access_notifications WHERE account_id = ?", accountId) == 1;
  }

  @Override
  public List<AccessDecision> accessDecisions(String requestId) {
    return jdbc.list(
        "SELECT "
            + DECISION_COLUMNS
            + " FROM gh_access_decisions WHERE request_id = ? ORDER BY seq",
        SqlAccessGrants::decision,
        requestId);
  }

  @Override
  public void putRequestPolicy(RequestPolicy p) {
    deleteRequestPolicy(p.roleId());
    jdbc.update(
        "INSERT INTO gh_request_policies ("
            + POLICY_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.accountId(),
        p.roleId(),
        p.roleArn(),
        p.maxDuration().toSeconds(),
        String.join("\n", p.approvers()),
        p.quorum(),
        flag(p.mfaToRequest()),
        flag(p.mfaToApprove()),
        flag(p.reasonRequired()),
        flag(p.ticketRequired()),
        flag(p.breakGlass()),
        flag(p.singleUse()),
        p.updatedAt().toEpochMilli());
  }

  @Override
  public boolean deleteRequestPolicy(String roleId) {
    return jdbc.update("DELETE FROM gh_request_policies WHERE role_id = ?", roleId) == 1;
  }

  @Override
  public void createAccessRequest(AccessRequest r) {
    Optional<AccessGrant> g = r.grant();
    jdbc.update(
        "INSERT INTO gh_access_requests ("
            + REQUEST_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.id(),
        r.accountId(),
        r.roleId(),
        r.roleArn(),
        r.requesterId(),
        r.requesterArn(),
        r.reason(),
        r.ticket(),
        r.duration().toSeconds(),
        millis(r.notBefore()),
        r.createdAt().toEpochMilli(),
        r.status().name(),
        r.quorum(),
        flag(r.singleUse()),
        flag(r.breakGlass()),
        g.isPresent() ? g.get().id() : new Jdbc.Nullable(Types.VARCHAR),
        millis(g.map(AccessGrant::start)),
        millis(g.map(AccessGrant::end)),
        flag(g.isPresent() && g.get().used()),
        millis(r.ended().map(AccessRequest.Ending::at)),
        r.ended().isPresent() ? r.ended().get().reason().name() : new Jdbc.Nullable(Types.VARCHAR));
  }

  @Override
  public boolean updateAccessRequest(AccessRequest r) {
    return update(r, "");
  }

  /**
   * One conditional UPDATE: on PostgreSQL a concurrent writer waits for the first to commit and
   * then finds the status changed, so one of them wins.
   */
  @Override
  public boolean updateAccessRequest(AccessRequest r, AccessRequest.Status expected) {
    return update(r, " AND status = '" + expected.name() + "'");
  }

  private boolean update(AccessRequest r, String condition) {
    Optional<AccessGrant> g = r.grant();
    return jdbc.update(
            "UPDATE gh_access_requests SET status = ?, break_glass = ?, grant_id = ?,"
                + " grant_start = ?, grant_end = ?, grant_used = ?, ended_at = ?,"
                + " ended_reason = ? WHERE id = ?"
                + condition,
            r.status().name(),
            flag(r.breakGlass()),
            g.isPresent() ? g.get().id() : new Jdbc.Nullable(Types.VARCHAR),
            millis(g.map(AccessGrant::start)),
            millis(g.map(AccessGrant::end)),
            flag(g.isPresent() && g.get().used()),
            millis(r.ended().map(AccessRequest.Ending::at)),
            r.ended().isPresent()
                ? r.ended().get().reason().name()
                : new Jdbc.Nullable(Types.VARCHAR),
            r.id())
        == 1;
  }

  @Override
  public void addAccessDecision(AccessDecision d) {
    jdbc.update(
        "INSERT INTO gh_access_decisions (" + DECISION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        d.requestId(),
        d.seq(),
        d.at().toEpochMilli(),
        d.actorArn(),
        d.kind().name(),
        d.comment(),
        d.detail());
  }

  private static int flag(boolean b) {
    return b ? 1 : 0;
  }

  private static Object millis(Optional<Instant> t) {
    return t.isPresent() ? (Object) t.get().toEpochMilli() : new Jdbc.Nullable(Types.BIGINT);
  }
}
