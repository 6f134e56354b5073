package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.SamlProvider;
import dev.gatehouse.core.store.MemoryStore.State;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SAML providers of a {@link MemoryStore} state: reads, and writes inside a transaction. */
final class MemorySamlProviders implements SamlProviderWrites {
  private final State s;

  MemorySamlProviders(State s) {
    this.s = s;
  }

  private static String lower(String x) {
    return x.toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<SamlProvider> samlProvider(String accountId, String name) {
    return s.samlProviders.values().stream()
        .filter(p -> p.accountId().equals(accountId) && lower(p.name()).equals(lower(name)))
        .findFirst();
  }

  @Override
  public List<SamlProvider> samlProviders(String accountId) {
    return s.samlProviders.values().stream()
        .filter(p -> p.accountId().equals(accountId))
        .sorted(Comparator.comparing(p -> lower(p.name())))
        .toList();
  }

  @Override
  public int samlProviderCount(String accountId) {
    return samlProviders(accountId).size();
  }

  @Override
  public void createSamlProvider(SamlProvider provider) {
    if (samlProvider(provider.accountId(), provider.name()).isPresent()) {
      throw new StoreConflict("duplicate SAML provider name", null);
    }
    s.samlProviders.put(provider.id(), provider);
  }

  @Override
  public void updateSamlProvider(SamlProvider provider) {
    SamlProvider old = s.samlProviders.get(provider.id());
    if (old != null) {
      s.samlProviders.put(
          old.id(), old.withMetadata(provider.metadataDocument(), provider.validUntil()));
    }
  }

  @Override
  public boolean deleteSamlProvider(String accountId, String name) {
    Optional<SamlProvider> p = samlProvider(accountId, name);
    p.ifPresent(
        found -> {
          s.tags.remove(found.id());
          s.samlProviders.remove(found.id());
        });
    return p.isPresent();
  }
}
