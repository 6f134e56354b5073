package dev.gatehouse.server;

import dev.gatehouse.api.QueryProtocol;
import dev.gatehouse.api.RequestIds;
import dev.gatehouse.core.error.ErrorCode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets Jetty start before the pipeline exists (start-up runs in parallel); until then every request
 * gets ServiceUnavailable. Non-blocking: the installed handler runs on the pool unless it declares
 * itself non-blocking; the reset, which rebuilds the node, always does.
 */
final class DeferredHandler extends Handler.Abstract {
  /** spec: none (Gatehouse's own): the --dev reset endpoint, as emulators offer one. */
  static final String RESET_PATH = "/_gatehouse/reset";

  /** What {@code POST /_gatehouse/reset} does. */
  @FunctionalInterface
  interface Reset {
    /**
     * @return the account id, the same before and after
     */
    String reset() throws Exception;
  }

  private volatile Handler target;
  private volatile Reset resettable;

  DeferredHandler() {
    super(InvocationType.NON_BLOCKING);
  }

  void install(Handler handler) throws Exception {
    if (getServer() != null) {
      handler.setServer(getServer());
    }
    handler.start();
    target = handler;
  }

  /** Back to ServiceUnavailable until the next {@link #install}. */
  void suspend() throws Exception {
    Handler old = target;
    target = null;
    if (old != null) {
      old.stop();
    }
  }

  /** Enables {@code POST /_gatehouse/reset} (--dev only). */
  void enableReset(Reset reset) {
    resettable = reset;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Reset reset = resettable;
    if (reset != null
        && request.getMethod().equals("POST")
        && RESET_PATH.equals(request.getHttpURI().getPath())) {
      RequestWork.blocking(request, () -> reset(reset, response, callback));
      return true;
    }
    Handler current = target;
    if (current != null) {
      return RequestWork.handle(current, request, response, callback);
    }
    String requestId = RequestIds.next();
    byte[] body =
        QueryProtocol.errorEnvelope(
            "https://iam.amazonaws.com/doc/2010-05-08/",
            ErrorCode.SERVICE_UNAVAILABLE,
            "Gatehouse is starting.",
            requestId);
    response.setStatus(ErrorCode.SERVICE_UNAVAILABLE.httpStatus());
    response.getHeaders().put("x-amzn-RequestId", requestId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private static void reset(Reset reset, Response response, Callback callback) {
    try {
      String account = reset.reset();
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(
          true,
          ByteBuffer.wrap(
              ("{\"reset\":true,\"accountId\":\"" + account + "\"}\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          callback);
    } catch (Exception e) {
      callback.failed(e);
    }
  }

  @Override
  protected void doStop() throws Exception {
    Handler current = target;
    if (current != null) {
      current.stop();
    }
    super.doStop();
  }
}
