package dev.gatehouse.server;

import dev.gatehouse.api.AuditLog;
import dev.gatehouse.core.store.Store;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the node can serve: its parts are built (the store open, the keys loaded), the audit log
 * takes records, the store answers a trivial read within {@link #STORE_TIMEOUT}, and no shutdown
 * has begun. A store that hangs never holds more than one probe: later checks wait for the same
 * one.
 */
final class Readiness {
  /** How long a readiness check waits for the store. */
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

  private volatile Store store;
  private volatile String accountId = "";
  private volatile AuditLog audit;
  private volatile boolean stopping;
  private CompletableFuture<Void> probe; // guarded by this
  private Store probed; // guarded by this: the store the probe reads

  /** The node's store is open and its keys are loaded (the node is built). */
  void serving(Store store, String accountId) {
    this.accountId = accountId;
    this.store = store;
  }

  /** The node is being built again ({@code --dev} reset). */
  void rebuilding() {
    this.store = null;
  }

  void auditLog(AuditLog audit) {
    this.audit = audit;
  }

  /** A shutdown began: load balancers should send no more requests here. */
  void stopping() {
    stopping = true;
  }

  /** Why the node is not ready, or empty when it is. */
  Optional<String> unready() {
    if (stopping) {
      return Optional.of("shutting down");
    }
    Store current = store;
    AuditLog log = audit;
    if (current == null || log == null) {
      return Optional.of("starting: the store and keys are not loaded yet");
    }
    Optional<String> auditProblem = log.unusable();
    if (auditProblem.isPresent()) {
      return auditProblem;
    }
    return storeProblem(current);
  }

  private Optional<String> storeProblem(Store current) {
    CompletableFuture<Void> running;
    synchronized (this) {
      if (probe == null || probe.isDone() || probed != current) {
        String id = accountId;
        probed = current;
        probe =
            CompletableFuture.runAsync(
                () -> current.read(tx -> tx.accounts().account(id)), Gatehouse::daemon);
      }
      running = probe;
    }
    try {
      running.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (TimeoutException e) {
      return Optional.of(
          "the store did not answer a read within " + STORE_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Optional.of("the store did not answer a read: " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while reading the store");
    }
  }
}
