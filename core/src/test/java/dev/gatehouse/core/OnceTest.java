package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceTest {
  @Test
  void nothingIsMadeBeforeTheFirstUseAndTheValueIsKeptAfterIt() {
    AtomicInteger makings = new AtomicInteger();
    Once<String, RuntimeException> once = new Once<>(() -> "made " + makings.incrementAndGet());

    assertThat(once.made()).isFalse();
    assertThat(makings).hasValue(0);
    assertThat(once.get()).isEqualTo("made 1");
    assertThat(once.get()).isEqualTo("made 1");
    assertThat(once.made()).isTrue();
    assertThat(makings).hasValue(1);
  }

  @Test
  void concurrentFirstUsersShareOneMaking() throws Exception {
    AtomicInteger makings = new AtomicInteger();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Once<Object, InterruptedException> once =
        new Once<>(
            () -> {
              makings.incrementAndGet();
              inside.countDown();
              release.await();
              return new Object();
            });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> users = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        users.add(pool.submit(once::get));
      }
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      Object first = users.get(0).get(10, TimeUnit.SECONDS);
      for (Future<Object> user : users) {
        assertThat(user.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(makings).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedMakingIsNotKeptAndEveryUseFailsWithItsOwnCause() throws IOException {
    AtomicInteger makings = new AtomicInteger();
    Once<String, IOException> once =
        new Once<>(
            () -> {
              int n = makings.incrementAndGet();
              if (n < 3) {
                throw new IOException("attempt " + n);
              }
              return "made on attempt " + n;
            });

    assertThatThrownBy(once::get).isInstanceOf(IOException.class).hasMessage("attempt 1");
    assertThat(once.made()).isFalse();
    assertThatThrownBy(once::get).isInstanceOf(IOException.class).hasMessage("attempt 2");
    assertThat(once.get()).isEqualTo("made on attempt 3");
    assertThat(once.made()).isTrue();
  }

  @Test
  void aMakerThatMakesNothingFails() {
    Once<String, RuntimeException> once = new Once<>(() -> null);

    assertThatThrownBy(once::get)
        .isInstanceOf(NullPointerException.class)
        .hasMessage("made nothing");
    assertThat(once.made()).isFalse();
  }
}
