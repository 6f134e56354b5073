package dev.gatehouse.server;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Chooses the handler of a request by its path: {@value #CONSOLE} and below go to the web console,
 * everything else to the API pipeline. A browser's plain {@code GET /} (no query, no signature) is
 * sent to the console. Non-blocking itself; a child that may block runs on the pool.
 */
final class Mounts extends Handler.Abstract {
  static final String CONSOLE = "/console";

  private final Handler api;
  private final Optional<Handler> console;

  Mounts(Handler api, Optional<Handler> console) {
    super(InvocationType.NON_BLOCKING);
    this.api = api;
    this.console = console;
    addBean(api);
    console.ifPresent(this::addBean);
  }

  /** The children learn their server too (Jetty warns when a handler starts without one). */
  @Override
  public void setServer(Server server) {
    super.setServer(server);
    api.setServer(server);
    console.ifPresent(c -> c.setServer(server));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (console.isPresent()) {
      if (path != null && (path.equals(CONSOLE) || path.startsWith(CONSOLE + "/"))) {
        return RequestWork.handle(console.get(), request, response, callback);
      }
      if (browserHome(request, path)) {
        response.setStatus(HttpStatus.FOUND_302);
        response.getHeaders().put(HttpHeader.LOCATION, CONSOLE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        callback.succeeded();
        return true;
      }
    }
    return RequestWork.handle(api, request, response, callback);
  }

  /** {@code GET /} from a browser: no query string, no SigV4 header, HTML accepted. */
  private static boolean browserHome(Request request, String path) {
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return request.getMethod().equals("GET")
        && "/".equals(path)
        && request.getHttpURI().getQuery() == null
        && !request.getHeaders().contains(HttpHeader.AUTHORIZATION)
        && accept != null
        && accept.contains("text/html");
  }
}
