package dev.gatehouse.core.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bundled reference, read on first use, answers every concurrent first caller the same. */
class ServiceReferenceTest {
  @Test
  void concurrentFirstUsesSeeOneReference() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier together = new CyclicBarrier(threads);
      List<Future<Optional<ServiceReference.ActionInfo>>> seen = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        seen.add(
            pool.submit(
                () -> {
                  together.await();
                  return ServiceReference.bundled().action("iam:CreateUser");
                }));
      }
      ServiceReference.ActionInfo first = seen.get(0).get(30, TimeUnit.SECONDS).orElseThrow();
      for (Future<Optional<ServiceReference.ActionInfo>> f : seen) {
        assertThat(f.get(30, TimeUnit.SECONDS)).containsSame(first);
      }
      assertThat(first.accessLevel()).isEqualTo("Write");
      ServiceReference.bundled().read();
      assertThat(ServiceReference.bundled().arnFormat("iam", "user")).isPresent();
    } finally {
      pool.shutdownNow();
    }
  }
}
