package dev.gatehouse.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's server-side sessions: 256-bit random ids (the cookie value), an idle timeout read
 * from the server clock, a bound on how many exist (the oldest idle ones go first).
 */
final class Sessions {
  static final int MAX_SESSIONS = 10_000;

  private final Map<String, ConsoleSession> byId = new ConcurrentHashMap<>();
  private final SecureRandom random;
  private final Clock clock;
  private final Duration idle;

  Sessions(SecureRandom random, Clock clock, Duration idle) {
    this.random = random;
    this.clock = clock;
    this.idle = idle;
  }

  /** A new, empty session (before sign-in: it carries the sign-in form's CSRF token). */
  ConsoleSession create() {
    Instant now = clock.instant();
    if (byId.size() >= MAX_SESSIONS) {
      sweep(now);
    }
    ConsoleSession s = new ConsoleSession(token(), token(), now);
    byId.put(s.id(), s);
    return s;
  }

  /**
   * The live session with this id, its idle clock restarted; empty when unknown or idle for too
   * long (an idle session is dropped).
   */
  Optional<ConsoleSession> find(String id) {
    ConsoleSession s = id == null ? null : byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      byId.remove(id);
      return Optional.empty();
    }
    s.touch(now);
    return Optional.of(s);
  }

  /** Whether an id names a session that timed out (to tell the user why they must sign in). */
  boolean timedOut(String id) {
    ConsoleSession s = id == null ? null : byId.get(id);
    return s != null && expired(s, clock.instant());
  }

  void remove(ConsoleSession s) {
    byId.remove(s.id());
  }

  int size() {
    return byId.size();
  }

  private boolean expired(ConsoleSession s, Instant now) {
    return !s.lastSeen().plus(idle).isAfter(now);
  }

  private void sweep(Instant now) {
    for (Iterator<ConsoleSession> it = byId.values().iterator(); it.hasNext(); ) {
      if (expired(it.next(), now)) {
        it.remove();
      }
    }
    if (byId.size() >= MAX_SESSIONS) {
      byId.values().stream()
          .min(java.util.Comparator.comparing(ConsoleSession::lastSeen))
          .ifPresent(this::remove);
    }
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Constant-time comparison of a submitted CSRF token. */
  static boolean sameToken(String expected, String given) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
