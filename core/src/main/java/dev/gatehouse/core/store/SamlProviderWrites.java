package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.SamlProvider;

/**
 * Writes of the store port: SAML identity providers. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface SamlProviderWrites extends SamlProviderReads {
  void createSamlProvider(SamlProvider provider);

  /** Replaces the metadata document and validity of the provider with {@code provider.id()}. */
  void updateSamlProvider(SamlProvider provider);

  /** Deletes a provider and its tags; false when the account has none with that name. */
  boolean deleteSamlProvider(String accountId, String name);
}
