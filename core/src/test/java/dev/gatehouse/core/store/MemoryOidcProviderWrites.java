package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.store.MemoryStore.State;
import java.util.Optional;

/**
 * The OpenID Connect provider writes of a {@link MemoryStore} transaction; {@link
 * MemoryTransaction} adds the rest.
 */
abstract class MemoryOidcProviderWrites extends MemoryInstanceProfileWrites {
  MemoryOidcProviderWrites(State s) {
    super(s);
  }

  @Override
  public void createOidcProvider(OidcProvider provider) {
    if (!s.accounts.containsKey(provider.accountId())) {
      throw IamErrors.noSuchAccount(provider.accountId());
    }
    if (oidcProvider(provider.accountId(), provider.url()).isPresent()) {
      throw IamErrors.oidcProviderExists("https://" + provider.url());
    }
    s.oidcProviders.put(provider.id(), provider);
  }

  @Override
  public void updateOidcProvider(OidcProvider provider) {
    OidcProvider old = s.oidcProviders.get(provider.id());
    if (old == null) {
      throw IamErrors.noSuchOidcProvider(provider.arn());
    }
    s.oidcProviders.put(
        old.id(), old.withClientIds(provider.clientIds()).withThumbprints(provider.thumbprints()));
  }

  @Override
  public boolean deleteOidcProvider(String accountId, String url) {
    Optional<OidcProvider> p = oidcProvider(accountId, url);
    p.ifPresent(
        found -> {
          s.tags.remove(found.id());
          s.oidcProviders.remove(found.id());
        });
    return p.isPresent();
  }
}
