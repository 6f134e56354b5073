package dev.gatehouse.core;

import java.util.Objects;

/**
 * A value made by its first use rather than at start (a bundled catalogue parsed, a TLS client
 * made): concurrent first users wait for the one making, later ones read it without a lock. A
 * making that fails is not kept, so every later use tries again and fails with its own cause rather
 * than seeing nothing.
 *
 * @param <T> the value
 * @param <E> what making it may throw ({@link RuntimeException} when nothing checked)
 */
public final class Once<T, E extends Exception> {
  /** Makes the value. */
  @FunctionalInterface
  public interface Maker<T, E extends Exception> {
    T make() throws E;
  }

  private final Maker<? extends T, E> maker;
  private final Object lock = new Object();
  private volatile T value;

  public Once(Maker<? extends T, E> maker) {
    this.maker = Objects.requireNonNull(maker, "maker");
  }

  /** The value, made now by the first caller. */
  public T get() throws E {
    T v = value;
    if (v == null) {
      synchronized (lock) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(maker.make(), "made nothing");
          value = v;
        }
      }
    }
    return v;
  }

  /** Whether a use has made the value yet. */
  public boolean made() {
    return value != null;
  }
}
