package dev.gatehouse.server;

import dev.gatehouse.console.Console;
import dev.gatehouse.console.ConsoleHttp;
import dev.gatehouse.core.Once;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console's Jetty adapter: reads the request out of Jetty and writes the console's answer. The
 * console (its pages' routes, its sessions) is made by the first request for it, not at start; one
 * that cannot be made is not kept, so every request fails with its own cause.
 */
final class ConsoleHandler extends Handler.Abstract {
  private final Once<Console, RuntimeException> console;

  ConsoleHandler(Supplier<Console> console) {
    this.console = new Once<>(console::get);
  }

  /**
   * How much of a body the console did not read is still read and dropped before answering, so that
   * a client still sending it (an oversized form) reads the answer instead of a reset connection.
   * It covers every body a page refuses by its declared size without reading it: a SAML metadata
   * file just over IAM's 10,000,000 characters was cut off at 8 MiB, and the connection reset under
   * the answer when the rest was still on its way.
   */
  static final long DRAIN_LIMIT = 32L << 20;

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    InputStream body = Content.Source.asInputStream(request);
    ConsoleHttp.Outgoing out =
        console
            .get()
            .handle(
                new ConsoleHttp.Incoming(
                    request.getMethod(),
                    request.getHttpURI().getDecodedPath(),
                    Objects.requireNonNullElse(request.getHttpURI().getPath(), "/"),
                    request.getHttpURI().getQuery(),
                    request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH),
                    body,
                    String.join("; ", request.getHeaders().getValuesList(HttpHeader.COOKIE)),
                    Objects.requireNonNullElse(request.getHeaders().get(HttpHeader.HOST), ""),
                    Request.getRemoteAddr(request),
                    request.isSecure(),
                    Objects.requireNonNullElse(
                        request.getHeaders().get(HttpHeader.CONTENT_TYPE), "")));
    drain(body);
    response.setStatus(out.status());
    for (Map.Entry<String, String> header : out.headers().entrySet()) {
      response.getHeaders().put(header.getKey(), header.getValue());
    }
    if (out.stream().isPresent()) {
      // A download: the object's bytes as the store reads them, never held whole.
      try (InputStream in = out.stream().get();
          OutputStream sink = Content.Sink.asOutputStream(response)) {
        in.transferTo(sink);
      } catch (IOException | RuntimeException e) {
        callback.failed(e);
        return true;
      }
      callback.succeeded();
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.body().length);
    response.write(true, ByteBuffer.wrap(out.body()), callback);
    return true;
  }

  private static void drain(InputStream body) {
    byte[] scratch = new byte[8192];
    long left = DRAIN_LIMIT;
    try (body) {
      int n;
      while (left > 0 && (n = body.read(scratch, 0, (int) Math.min(scratch.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // The client went away; Jetty closes the connection after the answer.
    }
  }
}
