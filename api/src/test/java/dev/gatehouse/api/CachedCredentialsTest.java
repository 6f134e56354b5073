package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.authz.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedCredentialsTest {
  final Map<String, Credentials.Credential> store = new HashMap<>();
  final AtomicInteger lookups = new AtomicInteger();
  final CachedCredentials cache =
      new CachedCredentials(
          id -> {
            lookups.incrementAndGet();
            return Optional.ofNullable(store.get(id));
          });

  static Credentials.Credential key(boolean active) {
    return new Credentials.Credential(new Principal.Root("123456789012"), "s", active);
  }

  @Test
  void knownKeysAreCachedUntilAWrite() {
    store.put("AKIA1", key(true));
    assertThat(cache.find("AKIA1")).isPresent();
    assertThat(cache.find("AKIA1")).isPresent();
    assertThat(lookups.get()).isEqualTo(1);
    store.put("AKIA1", key(false));
    assertThat(cache.find("AKIA1").orElseThrow().active()).isTrue();
    cache.committed("210987654321");
    assertThat(cache.find("AKIA1").orElseThrow().active()).isFalse();
    assertThat(cache.find("AKIA1").orElseThrow().toString()).doesNotContain("secret", "=s,");
  }

  @Test
  void changesMissedFromOtherNodesClearTheCache() {
    store.put("AKIA1", key(true));
    cache.find("AKIA1");
    store.put("AKIA1", key(false));
    cache.everythingChanged();
    assertThat(cache.find("AKIA1").orElseThrow().active()).isFalse();
    assertThat(lookups.get()).isEqualTo(2);
  }

  @Test
  void unknownKeysAreNeverCached() {
    assertThat(cache.find("AKIANOPE")).isEmpty();
    assertThat(cache.find("AKIANOPE")).isEmpty();
    assertThat(lookups.get()).isEqualTo(2);
  }

  @Test
  void theCacheIsBounded() {
    for (int i = 0; i <= CachedCredentials.MAX_ENTRIES; i++) {
      store.put("K" + i, key(true));
      cache.find("K" + i);
    }
    int before = lookups.get();
    cache.find("K0");
    assertThat(lookups.get()).isEqualTo(before + 1);
  }

  @Test
  void aPeekNeverAsksTheSource() {
    store.put("AKIA1", key(true));
    assertThat(cache.cached("AKIA1")).isEmpty();
    assertThat(lookups.get()).isZero();
    cache.find("AKIA1");
    assertThat(cache.cached("AKIA1")).isPresent();
    cache.committed("210987654321");
    assertThat(cache.cached("AKIA1")).isEmpty();
    assertThat(lookups.get()).isEqualTo(1);
  }
}
