package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.OidcProvider;

/**
 * Writes of the store port: OpenID Connect providers. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface OidcProviderWrites extends OidcProviderReads {
  void createOidcProvider(OidcProvider provider);

  /** Replaces the client ids and thumbprints of the provider with {@code provider.id()}. */
  void updateOidcProvider(OidcProvider provider);

  /** Deletes a provider and its tags; false when the account has none with that URL. */
  boolean deleteOidcProvider(String accountId, String url);
}
