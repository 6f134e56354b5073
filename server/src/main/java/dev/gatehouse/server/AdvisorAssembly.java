package dev.gatehouse.server;

import dev.gatehouse.core.advisor.AccessActivity;
import dev.gatehouse.core.store.Store;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Access advisor's record of attempts on this node: kept in memory by the pipeline, written to the
 * store every {@link AccessActivity#FLUSH_SECONDS} seconds by one daemon thread, and once more when
 * the node closes (before its store does).
 */
final class AdvisorAssembly {
  private AdvisorAssembly() {}

  /** The node's record; {@code resources} gets the flusher, after the store so it closes first. */
  static AccessActivity activity(Store store, List<AutoCloseable> resources) {
    AccessActivity activity = new AccessActivity(store);
    ScheduledExecutorService flusher =
        Executors.newSingleThreadScheduledExecutor(
            work -> {
              Thread t = new Thread(work, "gatehouse-access-advisor");
              t.setDaemon(true);
              return t;
            });
    ScheduledFuture<?> flushing =
        flusher.scheduleWithFixedDelay(
            activity::flush,
            AccessActivity.FLUSH_SECONDS,
            AccessActivity.FLUSH_SECONDS,
            TimeUnit.SECONDS);
    resources.add(
        () -> {
          flushing.cancel(false);
          flusher.shutdownNow();
          activity.flush();
        });
    return activity;
  }
}
