package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.AuditLog;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reason readiness refuses for, and that it is ready when none applies. */
class ReadinessTest {
  /** A store whose reads fail, or hang until released. */
  private static final class BrokenStore implements Store {
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hang;

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
      if (hang) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      throw new IllegalStateException("connection refused");
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void readyOnlyWhenBuiltWithAUsableAuditLogAndAStoreThatAnswers(@TempDir Path dir)
      throws Exception {
    Readiness readiness = new Readiness();
    assertThat(readiness.unready()).hasValueSatisfying(r -> assertThat(r).startsWith("starting"));
    try (AuditLog audit = new AuditLog(dir.resolve("audit"))) {
      readiness.auditLog(audit);
      assertThat(readiness.unready()).hasValueSatisfying(r -> assertThat(r).startsWith("starting"));
      readiness.serving(new MemoryStore(), "123456789012");
      assertThat(readiness.unready()).isEmpty();

      BrokenStore broken = new BrokenStore();
      readiness.serving(broken, "123456789012");
      assertThat(readiness.unready())
          .hasValue("the store did not answer a read: connection refused");
      broken.hang = true;
      assertThat(readiness.unready()).hasValue("the store did not answer a read within 2 s");
      // A second check waits for the same probe: one hung read at most.
      assertThat(readiness.unready()).hasValue("the store did not answer a read within 2 s");
      broken.release.countDown();

      readiness.rebuilding();
      assertThat(readiness.unready()).hasValueSatisfying(r -> assertThat(r).startsWith("starting"));
      readiness.serving(new MemoryStore(), "123456789012");
      assertThat(readiness.unready()).isEmpty();
    }
    // The audit log closed: not ready.
    assertThat(readiness.unready()).hasValue("the audit log is closed");
  }

  @Test
  void notReadyOnceAShutdownBegins(@TempDir Path dir) throws Exception {
    Readiness readiness = new Readiness();
    try (AuditLog audit = new AuditLog(dir.resolve("audit"))) {
      readiness.auditLog(audit);
      readiness.serving(new MemoryStore(), "123456789012");
      assertThat(readiness.unready()).isEmpty();
      readiness.stopping();
      assertThat(readiness.unready()).hasValue("shutting down");
    }
  }
}
