package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.ServerCertificate;
import dev.gatehouse.core.store.ServerCertificateWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Server certificates with their sealed private keys (table of V13). */
final class SqlServerCertificates implements ServerCertificateWrites {
  private static final String SELECT =
      "SELECT account_id, id, path, name, body, chain, sealed_private_key, uploaded_at, expires_at"
          + " FROM iam_server_certificates WHERE account_id = ?";

  private final Jdbc jdbc;

  SqlServerCertificates(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static ServerCertificate certificate(ResultSet rs) throws SQLException {
    return new ServerCertificate(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        Instant.ofEpochMilli(rs.getLong(8)),
        Instant.ofEpochMilli(rs.getLong(9)));
  }

  @Override
  public Optional<ServerCertificate> serverCertificate(String accountId, String name) {
    return jdbc.one(
        SELECT + " AND name_lc = ?",
        SqlServerCertificates::certificate,
        accountId,
        SqlRows.lower(name));
  }

  @Override
  public List<ServerCertificate> serverCertificates(String accountId, String pathPrefix) {
    // The prefix is matched here rather than with LIKE, whose wildcards a path may contain.
    return jdbc
        .list(SELECT + " ORDER BY name_lc", SqlServerCertificates::certificate, accountId)
        .stream()
        .filter(c -> c.path().startsWith(pathPrefix))
        .toList();
  }

  @Override
  public int serverCertificateCount(String accountId) {
    return (int)
        jdbc.count("SELECT COUNT(*) FROM iam_server_certificates WHERE account_id = ?", accountId);
  }

  @Override
  public void createServerCertificate(ServerCertificate c) {
    jdbc.update(
        "INSERT INTO iam_server_certificates (id, account_id, path, name, name_lc, body, chain,"
            + " sealed_private_key, uploaded_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c.id(),
        c.accountId(),
        c.path(),
        c.name(),
        SqlRows.lower(c.name()),
        c.body(),
        c.chain(),
        c.sealedPrivateKey(),
        c.uploadDate().toEpochMilli(),
        c.expiration().toEpochMilli());
  }

  @Override
  public void renameServerCertificate(ServerCertificate c) {
    jdbc.update(
        "UPDATE iam_server_certificates SET path = ?, name = ?, name_lc = ? WHERE id = ?",
        c.path(),
        c.name(),
        SqlRows.lower(c.name()),
        c.id());
  }

  @Override
  public boolean deleteServerCertificate(String accountId, String name) {
    Optional<ServerCertificate> c = serverCertificate(accountId, name);
    if (c.isEmpty()) {
      return false;
    }
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", c.get().id());
    jdbc.update("DELETE FROM iam_server_certificates WHERE id = ?", c.get().id());
    return true;
  }
}
