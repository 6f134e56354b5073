package dev.gatehouse.sigv4;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Derived signing keys by (secret, date, region, service). Deriving costs four HMACs; a client
 * signs many requests per day with the same key, so the result is kept. Bounded (least recently
 * used entries are dropped) and safe for concurrent use. Neither keys nor secrets appear in {@code
 * toString}.
 */
public final class SigningKeyCache {
  private final int maxEntries;
  private final Map<CacheKey, byte[]> entries;

  /** A cache holding at most {@code maxEntries} signing keys. */
  public SigningKeyCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.maxEntries = maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<CacheKey, byte[]> eldest) {
            return size() > SigningKeyCache.this.maxEntries;
          }
        };
  }

  /** The signing key for this secret and scope (a copy the caller may keep). */
  public byte[] signingKey(SecretAccessKey secret, CredentialScope scope) {
    return shared(secret, scope).clone();
  }

  /** The cached array itself, for the verifier and signer in this package, which never leak it. */
  byte[] shared(SecretAccessKey secret, CredentialScope scope) {
    CacheKey key = new CacheKey(secret.value(), scope.date(), scope.region(), scope.service());
    byte[] cached;
    synchronized (entries) {
      cached = entries.get(key);
    }
    if (cached != null) {
      return cached;
    }
    // Derived outside the lock: two threads may both derive the same key, which is harmless.
    byte[] derived =
        SignatureCalculator.signingKey(secret, scope.date(), scope.region(), scope.service());
    synchronized (entries) {
      entries.put(key, derived);
    }
    return derived;
  }

  /** How many keys are held now. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  @Override
  public String toString() {
    return "SigningKeyCache[size=" + size() + ", maxEntries=" + maxEntries + "]";
  }

  private record CacheKey(String secret, String date, String region, String service) {
    CacheKey {
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "CacheKey[" + date + "/" + region + "/" + service + "]";
    }
  }
}
