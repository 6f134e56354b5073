package dev.gatehouse.server;

import dev.gatehouse.console.Console;
import dev.gatehouse.console.ConsoleHttp;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The console's Jetty adapter: reads the request out of Jetty and writes the console's answer. */
final class ConsoleHandler extends Handler.Abstract {
  private final Console console;

  ConsoleHandler(Console console) {
    this.console = console;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    ConsoleHttp.Outgoing out =
        console.handle(
            new ConsoleHttp.Incoming(
                request.getMethod(),
                request.getHttpURI().getDecodedPath(),
                Objects.requireNonNullElse(request.getHttpURI().getPath(), "/"),
                request.getHttpURI().getQuery(),
                request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH),
                Content.Source.asInputStream(request),
                String.join("; ", request.getHeaders().getValuesList(HttpHeader.COOKIE)),
                Objects.requireNonNullElse(request.getHeaders().get(HttpHeader.HOST), ""),
                Request.getRemoteAddr(request),
                request.isSecure()));
    response.setStatus(out.status());
    for (Map.Entry<String, String> header : out.headers().entrySet()) {
      response.getHeaders().put(header.getKey(), header.getValue());
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.body().length);
    response.write(true, ByteBuffer.wrap(out.body()), callback);
    return true;
  }
}
