package dev.gatehouse.api;

import dev.gatehouse.core.iam.IamChangeListener;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers resolved access keys (saving a store read and an AES-GCM unseal per request). Any
 * committed IAM write clears it, so a deactivated or deleted key is refused from the next request
 * on. Unknown keys are never cached: guessing ids cannot grow the map.
 */
public final class CachedCredentials implements Credentials, IamChangeListener {
  static final int MAX_ENTRIES = 10_000;

  private final Credentials source;
  private final ConcurrentHashMap<String, Credential> cache = new ConcurrentHashMap<>();

  public CachedCredentials(Credentials source) {
    this.source = source;
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

  /** The key if it is remembered, without asking the source (never reads the store). */
  public Optional<Credential> cached(String accessKeyId) {
    return Optional.ofNullable(cache.get(accessKeyId));
  }

  /** Keys are not held per account: any write may have changed one. */
  @Override
  public void committed(String accountId) {
    cache.clear();
  }

  /** Keys do not change when a role is used. */
  @Override
  public void lastUseRecorded(String accountId, String roleId) {}

  @Override
  public void everythingChanged() {
    cache.clear();
  }
}
