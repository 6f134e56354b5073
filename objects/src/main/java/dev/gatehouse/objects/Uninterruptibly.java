package dev.gatehouse.objects;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for a helper thread's batch whatever interrupts come: a request thread must not leave a
 * helper writing into a file (or a buffer) it is about to delete or reuse. The interrupt is kept
 * for the caller once the wait is over.
 */
final class Uninterruptibly {
  private Uninterruptibly() {}

  static <T> T get(Future<T> f) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
