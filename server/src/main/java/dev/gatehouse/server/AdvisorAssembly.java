package dev.gatehouse.server;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.iam.AccessAdvisorActions;
import dev.gatehouse.core.advisor.AccessActivity;
import dev.gatehouse.core.advisor.AccessAdvisor;
import dev.gatehouse.core.advisor.ServicePermissions;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Access advisor on this node: the record of attempts, kept in memory by the pipeline, written to
 * the store every {@link AccessActivity#FLUSH_SECONDS} seconds by one daemon thread and once more
 * when the node closes (before its store does); and the IAM actions that report from it.
 */
final class AdvisorAssembly {
  private AdvisorAssembly() {}

  /** The node's record of attempts and the access-advisor actions over it. */
  record Advisor(AccessActivity activity, AccessAdvisor advisor) {
    /** The access-advisor actions, for IAM's table (made by its first use). */
    List<Operation<?, ?>> operations() {
      return AccessAdvisorActions.table(advisor);
    }
  }

  /**
   * The node's access advisor; {@code resources} gets the flusher, after the store so that it
   * closes first.
   */
  static Advisor advisor(
      IamServices iam,
      Snapshots snapshots,
      Store store,
      Clock clock,
      List<AutoCloseable> resources) {
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
    AccessAdvisor advisor =
        new AccessAdvisor(iam, snapshots, store, clock, activity, ServicePermissions.bundled());
    return new Advisor(activity, advisor);
  }
}
