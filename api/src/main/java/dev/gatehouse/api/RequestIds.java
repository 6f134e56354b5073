package dev.gatehouse.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request and event ids in AWS's shape (random UUIDs). They identify, they do not protect, so they
 * come from a per-thread generator instead of UUID.randomUUID's shared SecureRandom, which
 * serializes every request thread.
 */
public final class RequestIds {
  private RequestIds() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~0xC000000000000000L) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }
}
