package dev.gatehouse.core.store;

import java.util.function.Function;

/**
 * The durable store of IAM state.
 *
 * <p>INVARIANT: a {@link #write} transaction is serializable with respect to every other write
 * transaction: its reads see all earlier committed writes and no concurrent write interleaves with
 * it. This is what makes count-then-insert limits (two access keys per user, five policy versions)
 * hold under concurrency. When {@code work} throws, nothing it wrote is kept. When {@code write}
 * returns, the transaction is durably committed.
 *
 * <p>No caching, locking or retrying is part of this interface; those are decorators.
 */
public interface Store extends AutoCloseable {

  /** Runs {@code work} in a read-only transaction over a consistent view. */
  <T> T read(Function<? super ReadTransaction, ? extends T> work);

  /**
   * Runs {@code work} in a read-write transaction and commits it, or rolls it back on throw. Write
   * transactions do not nest: starting one inside another throws IllegalStateException.
   */
  <T> T write(Function<? super WriteTransaction, ? extends T> work);

  @Override
  void close();
}
