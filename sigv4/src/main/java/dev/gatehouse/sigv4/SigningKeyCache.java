package dev.gatehouse.sigv4;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived signing keys by (secret, date, region, service). Deriving costs four HMACs; a client
 * signs many requests per day with the same key, so the result is kept. Bounded and safe for
 * concurrent use without a lock: every request reads this map, and on a small, busy machine a lock
 * here queues requests behind a descheduled holder. When full, arbitrary entries make room (keys
 * roll over daily, so the working set is the active clients of today). Neither keys nor secrets
 * appear in {@code toString}.
 */
public final class SigningKeyCache {
  private final int maxEntries;
  private final ConcurrentHashMap<CacheKey, byte[]> entries;

  /** A cache holding at most {@code maxEntries} signing keys. */
  public SigningKeyCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.maxEntries = maxEntries;
    this.entries = new ConcurrentHashMap<>();
  }

  /** The signing key for this secret and scope (a copy the caller may keep). */
  public byte[] signingKey(SecretAccessKey secret, CredentialScope scope) {
    return shared(secret, scope).clone();
  }

  /** The cached array itself, for the verifier and signer in this package, which never leak it. */
  byte[] shared(SecretAccessKey secret, CredentialScope scope) {
    CacheKey key = new CacheKey(secret.value(), scope.date(), scope.region(), scope.service());
    byte[] cached = entries.get(key);
    if (cached != null) {
      return cached;
    }
    // Two threads may both derive the same key, which is harmless.
    byte[] derived =
        SignatureCalculator.signingKey(secret, scope.date(), scope.region(), scope.service());
    makeRoom();
    entries.put(key, derived);
    return derived;
  }

  private void makeRoom() {
    Iterator<CacheKey> it = entries.keySet().iterator();
    // INVARIANT: after this loop and one put, size() <= maxEntries + (concurrent putters - 1).
    while (entries.size() >= maxEntries && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** How many keys are held now. */
  public int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    return "SigningKeyCache[size=" + size() + ", maxEntries=" + maxEntries + "]";
  }

  private record CacheKey(String secret, String date, String region, String service) {
    CacheKey {
      Objects.requireNonNull(secret, "secret");
    }

    // Written out: every request looks its key up, and a record's generated equals and hashCode
    // go through method handles that showed in the profile.
    @Override
    public boolean equals(Object other) {
      return other instanceof CacheKey k
          && secret.equals(k.secret)
          && date.equals(k.date)
          && region.equals(k.region)
          && service.equals(k.service);
    }

    @Override
    public int hashCode() {
      return ((secret.hashCode() * 31 + date.hashCode()) * 31 + region.hashCode()) * 31
          + service.hashCode();
    }

    @Override
    public String toString() {
      return "CacheKey[" + date + "/" + region + "/" + service + "]";
    }
  }
}
