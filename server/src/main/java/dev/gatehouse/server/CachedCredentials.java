package dev.gatehouse.server;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers resolved access keys (saving a store read and an AES-GCM unseal per request). Any IAM
 * write clears it, so a deactivated or deleted key is refused from the next request on. Unknown
 * keys are never cached: guessing ids cannot grow the map.
 */
final class CachedCredentials implements Credentials {
  static final int MAX_ENTRIES = 10_000;

  private volatile Credentials source;
  private final ConcurrentHashMap<String, Credential> cache = new ConcurrentHashMap<>();

  CachedCredentials(Credentials source) {
    this.source = source;
  }

  /** Sets the source; the services that resolve keys are built after this cache. */
  void source(Credentials resolver) {
    this.source = resolver;
    cache.clear();
  }

  @Override
  public Optional<Credential> find(String accessKeyId) {
    Credential cached = cache.get(accessKeyId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Credential> found = source.find(accessKeyId);
    if (found.isPresent()) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(accessKeyId, found.get());
    }
    return found;
  }

  /** Called after every committed IAM write. */
  void invalidate() {
    cache.clear();
  }
}
