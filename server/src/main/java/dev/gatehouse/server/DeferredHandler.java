package dev.gatehouse.server;

import dev.gatehouse.core.error.ErrorCode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets Jetty start before the pipeline exists (start-up runs in parallel); until then every request
 * gets ServiceUnavailable.
 */
final class DeferredHandler extends Handler.Abstract {
  private volatile Handler target;

  void install(Handler handler) throws Exception {
    handler.start();
    target = handler;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Handler current = target;
    if (current != null) {
      return current.handle(request, response, callback);
    }
    byte[] body =
        QueryProtocol.errorEnvelope(
            "https://iam.amazonaws.com/doc/2010-05-08/",
            ErrorCode.SERVICE_UNAVAILABLE,
            "Gatehouse is starting.",
            "00000000-0000-0000-0000-000000000000");
    response.setStatus(ErrorCode.SERVICE_UNAVAILABLE.httpStatus());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
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
