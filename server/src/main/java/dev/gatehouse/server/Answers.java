package dev.gatehouse.server;

import dev.gatehouse.api.Codec;
import dev.gatehouse.api.Exchange;
import dev.gatehouse.api.Pipeline;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.Callback;

/**
 * Runs a request through the pipeline and writes its answer when the pipeline completes it (after
 * the audit record of a write is durable): what the pipeline or the writer throws fails Jetty's
 * callback; no thread waits.
 */
final class Answers {
  private Answers() {}

  /** Writes one answer to the response. */
  @FunctionalInterface
  interface Writer<T> {
    void write(Exchange exchange, T answer, Callback callback);
  }

  static <R, T> void process(
      Pipeline pipeline,
      R request,
      Exchange exchange,
      Codec<R, T> codec,
      Callback callback,
      Writer<T> writer) {
    CompletableFuture<T> unused =
        pipeline
            .process(request, exchange, codec)
            .whenComplete(
                (answer, error) -> {
                  if (error != null) {
                    callback.failed(error);
                    return;
                  }
                  try {
                    writer.write(exchange, answer, callback);
                  } catch (RuntimeException e) {
                    callback.failed(e);
                  }
                });
  }
}
