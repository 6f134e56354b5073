package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.ServiceAccess;
import dev.gatehouse.core.store.ServiceAccessWrites;
import java.time.Instant;
import java.util.List;

/** Access advisor's last access per entity, service and action (table of V14). */
final class SqlServiceAccess implements ServiceAccessWrites {
  private final Jdbc jdbc;

  SqlServiceAccess(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<ServiceAccess> serviceAccess(String accountId) {
    return jdbc.list(
        "SELECT account_id, entity_arn, service, action, region, last_at"
            + " FROM iam_service_access WHERE account_id = ?",
        rs ->
            new ServiceAccess(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6))),
        accountId);
  }

  @Override
  public void recordServiceAccess(ServiceAccess a) {
    long at = a.lastAccessed().toEpochMilli();
    Object[] key = {a.accountId(), a.entityArn(), a.serviceNamespace(), a.actionName()};
    long kept =
        jdbc.count(
            "SELECT COUNT(*) FROM iam_service_access"
                + " WHERE account_id = ? AND entity_arn = ? AND service = ? AND action = ?",
            key);
    if (kept == 0) {
      jdbc.update(
          "INSERT INTO iam_service_access"
              + " (account_id, entity_arn, service, action, region, last_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          a.accountId(),
          a.entityArn(),
          a.serviceNamespace(),
          a.actionName(),
          a.region(),
          at);
      return;
    }
    // INVARIANT: an earlier attempt never replaces a later one (nodes flush in any order).
    jdbc.update(
        "UPDATE iam_service_access SET region = ?, last_at = ?"
            + " WHERE account_id = ? AND entity_arn = ? AND service = ? AND action = ?"
            + " AND last_at < ?",
        a.region(),
        at,
        a.accountId(),
        a.entityArn(),
        a.serviceNamespace(),
        a.actionName(),
        at);
  }
}
