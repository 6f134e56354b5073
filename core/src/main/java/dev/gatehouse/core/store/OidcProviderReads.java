package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.OidcProvider;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: OpenID Connect providers. */
public interface OidcProviderReads {
  /**
   * An OpenID Connect provider by its URL without {@code https://} (the end of its ARN), compared
   * exactly.
   */
  Optional<OidcProvider> oidcProvider(String accountId, String url);

  /** The account's OpenID Connect providers, ordered by URL. */
  List<OidcProvider> oidcProviders(String accountId);

  /** How many OpenID Connect providers the account has (a COUNT, for the quota). */
  int oidcProviderCount(String accountId);
}
