package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.SamlProvider;
import dev.gatehouse.core.store.SamlProviderWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SAML providers with their metadata documents (table of V11). */
final class SqlSamlProviders implements SamlProviderWrites {
  private static final String SELECT =
      "SELECT account_id, id, name, metadata_document, created_at, valid_until"
          + " FROM iam_saml_providers WHERE account_id = ?";

  private final Jdbc jdbc;

  SqlSamlProviders(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static SamlProvider provider(ResultSet rs) throws SQLException {
    return new SamlProvider(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        Instant.ofEpochMilli(rs.getLong(6)));
  }

  @Override
  public Optional<SamlProvider> samlProvider(String accountId, String name) {
    return jdbc.one(
        SELECT + " AND name_lc = ?", SqlSamlProviders::provider, accountId, SqlRows.lower(name));
  }

  @Override
  public List<SamlProvider> samlProviders(String accountId) {
    return jdbc.list(SELECT + " ORDER BY name_lc", SqlSamlProviders::provider, accountId);
  }

  @Override
  public int samlProviderCount(String accountId) {
    return (int)
        jdbc.count("SELECT COUNT(*) FROM iam_saml_providers WHERE account_id = ?", accountId);
  }

  @Override
  public void createSamlProvider(SamlProvider p) {
    jdbc.update(
        "INSERT INTO iam_saml_providers"
            + " (id, account_id, name, name_lc, metadata_document, created_at, valid_until)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        p.id(),
        p.accountId(),
        p.name(),
        SqlRows.lower(p.name()),
        p.metadataDocument(),
        p.createDate().toEpochMilli(),
        p.validUntil().toEpochMilli());
  }

  @Override
  public void updateSamlProvider(SamlProvider p) {
    jdbc.update(
        "UPDATE iam_saml_providers SET metadata_document = ?, valid_until = ? WHERE id = ?",
        p.metadataDocument(),
        p.validUntil().toEpochMilli(),
        p.id());
  }

  @Override
  public boolean deleteSamlProvider(String accountId, String name) {
    Optional<SamlProvider> p = samlProvider(accountId, name);
    if (p.isEmpty()) {
      return false;
    }
    jdbc.update("DELETE FROM iam_tags WHERE entity_id = ?", p.get().id());
    jdbc.update("DELETE FROM iam_saml_providers WHERE id = ?", p.get().id());
    return true;
  }
}
