package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.store.OidcProviderWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** OpenID Connect providers with their client ids and thumbprints (tables of V7). */
final class SqlOidcProviders implements OidcProviderWrites {
  private final Jdbc jdbc;

  SqlOidcProviders(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A provider row before its lists are read. */
  private record Row(String accountId, String id, String url, long createdAt) {}

  private OidcProvider provider(Row r) {
    return new OidcProvider(
        r.accountId(),
        r.id(),
        r.url(),
        jdbc.list(
            "SELECT client_id FROM iam_oidc_provider_client_ids WHERE provider_id = ?"
                + " ORDER BY ordinal",
            rs -> rs.getString(1),
            r.id()),
        jdbc.list(
            "SELECT thumbprint FROM iam_oidc_provider_thumbprints WHERE provider_id = ?"
                + " ORDER BY ordinal",
            rs -> rs.getString(1),
            r.id()),
        Instant.ofEpochMilli(r.createdAt()));
  }

  private static final String SELECT =
      "SELECT account_id, id, url, created_at FROM iam_oidc_providers WHERE account_id = ?";

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
  }

  @Override
  public Optional<OidcProvider> oidcProvider(String accountId, String url) {
    return jdbc.one(SELECT + " AND url = ?", SqlOidcProviders::row, accountId, url)
        .map(this::provider);
  }

  @Override
  public List<OidcProvider> oidcProviders(String accountId) {
    return jdbc.list(SELECT + " ORDER BY url", SqlOidcProviders::row, accountId).stream()
        .map(this::provider)
        .toList();
  }

  @Override
  public void createOidcProvider(OidcProvider p) {
    jdbc.update(
        "INSERT INTO iam_oidc_providers (id, account_id, url, created_at) VALUES (?, ?, ?, ?)",
        p.id(),
        p.accountId(),
        p.url(),
        p.createDate().toEpochMilli());
    insertLists(p);
  }

  @Override
  public void updateOidcProvider(OidcProvider p) {
    deleteLists(p.id());
    insertLists(p);
  }

  @Override
  public boolean deleteOidcProvider(String accountId, String url) {
    Optional<OidcProvider> p = oidcProvider(accountId, url);
    if (p.isEmpty()) {
      return false;
    }
    String id = p.get().id();
    deleteLists(id);
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", id);
    jdbc.update("DELETE FROM iam_oidc_providers WHERE id = ?", id);
    return true;
  }

  private void insertLists(OidcProvider p) {
    for (int i = 0; i < p.clientIds().size(); i++) {
      jdbc.update(
          "INSERT INTO iam_oidc_provider_client_ids (provider_id, ordinal, client_id)"
              + " VALUES (?, ?, ?)",
          p.id(),
          i,
          p.clientIds().get(i));
    }
    for (int i = 0; i < p.thumbprints().size(); i++) {
      jdbc.update(
          "INSERT INTO iam_oidc_provider_thumbprints (provider_id, ordinal, thumbprint)"
              + " VALUES (?, ?, ?)",
          p.id(),
          i,
          p.thumbprints().get(i));
    }
  }

  private void deleteLists(String id) {
    jdbc.update("DELETE FROM iam_oidc_provider_client_ids WHERE provider_id = ?", id);
    jdbc.update("DELETE FROM iam_oidc_provider_thumbprints WHERE provider_id = ?", id);
  }

  @Override
  public int oidcProviderCount(String accountId) {
    return (int)
        jdbc.count("SELECT COUNT(*) FROM iam_oidc_providers WHERE account_id = ?", accountId);
  }
}
