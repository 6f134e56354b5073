package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.SamlProvider;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: SAML identity providers. */
public interface SamlProviderReads {
  /** A SAML provider by name, compared case-insensitively like other IAM names. */
  Optional<SamlProvider> samlProvider(String accountId, String name);

  /** The account's SAML providers, ordered by lower-cased name. */
  List<SamlProvider> samlProviders(String accountId);

  /** How many SAML providers the account has (a COUNT, for the quota). */
  int samlProviderCount(String accountId);
}
