package dev.gatehouse.core.crypto;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The write scopes open on one key ring, and the wait of a key switch for those opened before it.
 *
 * <p>Why scopes rather than a lock around {@link KeyRing#seal}: a write seals first and stores
 * later (a blob's data key is sealed before its bytes stream in), so a value sealed under the old
 * key can reach the store after a rotation re-sealed what it found there. Waiting for the writes
 * that began before the switch closes that window without holding back the writes that begin after
 * it (they seal under the new key): a long upload delays the rotation, not the other requests.
 *
 * <p>Every request opens and closes a scope, so neither takes a lock: the open scopes are a
 * concurrent set. A scope missing from the set a switch copies was added after the copy, hence
 * after the swap, and seals under the new key. Switches are rare: they serialize on this object and
 * poll for the scopes they wait for.
 */
final class WriteScopes {
  /** The innermost scope the current thread has open (scopes nest, one per ring). */
  private static final ThreadLocal<WriteScope> CURRENT = new ThreadLocal<>();

  /** How often a switch looks again at the scopes it waits for. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Set<WriteScope> open = ConcurrentHashMap.newKeySet();

  WriteScope open() {
    WriteScope scope = new WriteScope(this, CURRENT.get());
    open.add(scope);
    CURRENT.set(scope);
    return scope;
  }

  void close(WriteScope scope) {
    open.remove(scope);
    if (CURRENT.get() == scope) {
      if (scope.outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(scope.outer);
      }
    }
  }

  /** Runs {@code swap}, one switch at a time. */
  synchronized void switchOnly(Runnable swap) {
    swap.run();
  }

  /**
   * Runs {@code swap}, then waits until every scope open at that moment has closed, except the
   * caller's own (the rotation runs inside a request, whose scope closes only after it returns).
   */
  synchronized void switchAndDrain(Runnable swap, Duration drain) {
    swap.run();
    Set<WriteScope> before = new HashSet<>(open);
    for (WriteScope mine = CURRENT.get(); mine != null; mine = mine.outer) {
      before.remove(mine);
    }
    long deadline = System.nanoTime() + drain.toNanos();
    while (true) {
      before.retainAll(open);
      if (before.isEmpty()) {
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new CryptoException(
            before.size()
                + " write(s) begun before the key switch still running after "
                + drain.toSeconds()
                + " s");
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CryptoException(
            "interrupted while waiting for writes begun before the switch", e);
      }
    }
  }
}
