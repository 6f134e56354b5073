package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.OidcProvider;

/** The OpenID Connect provider part of a write transaction; {@link SqlWrites} adds the rest. */
abstract class SqlOidcProviderWrites extends SqlInstanceProfileWrites {

  SqlOidcProviderWrites(Jdbc jdbc) {
    super(jdbc);
  }

  @Override
  public void createOidcProvider(OidcProvider provider) {
    oidcProviders.create(provider);
  }

  @Override
  public void updateOidcProvider(OidcProvider provider) {
    oidcProviders.update(provider);
  }

  @Override
  public boolean deleteOidcProvider(String accountId, String url) {
    return oidcProviders.delete(accountId, url);
  }
}
