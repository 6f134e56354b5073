package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Start-up work run on another thread reports as if it had run on the starting one. */
class StartupWorkTest {
  @Test
  void theResultOfWorkDoneElsewhere() {
    assertThat(NodeAssembly.joined(CompletableFuture.supplyAsync(() -> "catalogue")))
        .isEqualTo("catalogue");
  }

  @Test
  void anUncheckedFailureIsThrownAsItself() {
    // The operator reads "GATEHOUSE_OIDC_CA_FILE: cannot read...", not a CompletionException.
    CompletableFuture<String> failed =
        CompletableFuture.supplyAsync(
            () -> {
              throw new IllegalArgumentException("GATEHOUSE_OIDC_CA_FILE: cannot read the bundle");
            });
    assertThatThrownBy(() -> NodeAssembly.joined(failed))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("GATEHOUSE_OIDC_CA_FILE: cannot read the bundle");
  }

  @Test
  void anyOtherFailureStaysWrapped() {
    CompletableFuture<String> failed = new CompletableFuture<>();
    Error error = new AssertionError("not a runtime exception");
    failed.completeExceptionally(error);
    assertThatThrownBy(() -> NodeAssembly.joined(failed))
        .isInstanceOf(CompletionException.class)
        .hasCause(error);
  }

  @Test
  void aFailedFetcherStopsTheStartWithItsReason() {
    UncheckedIOException cause = new UncheckedIOException(new IOException("disk"));
    assertThatThrownBy(() -> NodeAssembly.joined(CompletableFuture.failedFuture(cause)))
        .isSameAs(cause);
  }
}
