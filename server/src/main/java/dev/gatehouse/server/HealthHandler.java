package dev.gatehouse.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@value #LIVE} and {@value #READY} in front of everything else: unauthenticated, not audited, a
 * small JSON body. Live answers 200 while the process serves HTTP at all; ready answers 200 only
 * when {@link Readiness} finds nothing wrong, else 503 with the reason. With {@code /metrics} on a
 * listener of its own, that listener answers {@value #METRICS} too.
 */
final class HealthHandler extends Handler.Wrapper {
  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";
  static final String METRICS = "/metrics";

  private final Readiness readiness;
  private final Optional<Supplier<String>> metrics;

  /**
   * @param metrics the Prometheus text of the node's metrics, when this listener serves them
   */
  HealthHandler(Handler next, Readiness readiness, Optional<Supplier<String>> metrics) {
    super(next);
    this.readiness = readiness;
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    boolean get = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (get && LIVE.equals(path)) {
      return json(response, callback, HttpStatus.OK_200, "{\"status\":\"live\"}");
    }
    // The readiness probe may wait for the store, a scrape may take a while: both on the pool.
    if (get && READY.equals(path)) {
      RequestWork.blocking(request, () -> answer(callback, () -> ready(response, callback)));
      return true;
    }
    if (get && metrics.isPresent() && METRICS.equals(path)) {
      Supplier<String> scrape = metrics.get();
      RequestWork.blocking(
          request,
          () ->
              answer(
                  callback,
                  () ->
                      send(
                          response,
                          callback,
                          HttpStatus.OK_200,
                          GatehouseMetrics.CONTENT_TYPE,
                          scrape.get())));
      return true;
    }
    Handler next = getHandler();
    if (next == null) {
      Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
      return true;
    }
    return RequestWork.handle(next, request, response, callback);
  }

  /** Non-blocking itself: what may wait runs on the pool, and so does a next that may block. */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  /** Runs {@code write} on this (pool) thread; what it throws fails the request. */
  private static void answer(Callback callback, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      callback.failed(e);
    }
  }

  private boolean ready(Response response, Callback callback) {
    Optional<String> reason = readiness.unready();
    if (reason.isEmpty()) {
      return json(response, callback, HttpStatus.OK_200, "{\"status\":\"ready\"}");
    }
    return json(
        response,
        callback,
        HttpStatus.SERVICE_UNAVAILABLE_503,
        "{\"status\":\"not ready\",\"reason\":\""
            + new String(JsonStringEncoder.getInstance().quoteAsString(reason.get()))
            + "\"}");
  }

  private static boolean json(Response response, Callback callback, int status, String body) {
    return send(response, callback, status, "application/json", body + "\n");
  }

  private static boolean send(
      Response response, Callback callback, int status, String type, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }
}
