package dev.gatehouse.server;

import dev.gatehouse.api.Codec;
import dev.gatehouse.api.Exchange;
import dev.gatehouse.api.HttpDates;
import dev.gatehouse.api.Pipeline;
import dev.gatehouse.api.s3.S3Api;
import dev.gatehouse.api.s3.S3HttpRequest;
import dev.gatehouse.api.s3.S3Reply;
import dev.gatehouse.core.objects.CatalogObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty adapter of S3 on the API endpoint: the request's body is handed to the pipeline as a
 * stream (never buffered; the Query protocol's size limit does not apply to objects), and the
 * reply's body is written as it is read from the store.
 */
final class S3Handler {
  /** The largest object body read whole before it is written: one inline object at most. */
  static final long SMALL_BODY = CatalogObjectStore.INLINE_MAX;

  private static final HttpField SERVER = new PreEncodedHttpField(HttpHeader.SERVER, "Gatehouse");

  private final Pipeline pipeline;
  private final S3Api s3;
  private final Clock clock;
  private final LongConsumer received;
  private final LongConsumer sent;
  private final InlineObjectReads inline;

  S3Handler(Pipeline pipeline, S3Api s3, Clock clock) {
    this(pipeline, s3, clock, n -> {}, n -> {}, InlineObjectReads.NONE);
  }

  /**
   * @param received told of the request body bytes read (uploads), as they are read
   * @param sent told of the object bytes sent (downloads)
   * @param inline which requests are answered without a hand-off to the pool
   */
  S3Handler(
      Pipeline pipeline,
      S3Api s3,
      Clock clock,
      LongConsumer received,
      LongConsumer sent,
      InlineObjectReads inline) {
    this.pipeline = pipeline;
    this.s3 = s3;
    this.clock = clock;
    this.received = received;
    this.sent = sent;
    this.inline = inline;
  }

  /** Counts the bytes read through it. */
  private static final class Counted extends FilterInputStream {
    private final LongConsumer counter;

    Counted(InputStream in, LongConsumer counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.accept(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counter.accept(n);
      }
      return n;
    }
  }

  /** Whether the request is for S3 (see {@link S3Api#addresses}). */
  boolean addresses(Request request) {
    String query = request.getHttpURI().getQuery();
    String path = request.getHttpURI().getPath();
    return s3.addresses(
        request.getMethod(),
        host(request),
        path == null ? "/" : path,
        query == null ? "" : query,
        name -> {
          String v = request.getHeaders().get(name);
          return v == null ? "" : v;
        });
  }

  /**
   * Whether the request (for S3) runs on the thread that read it: see {@link InlineObjectReads}.
   */
  boolean runsInline(Request request) {
    return inline.eligible(
        request.getMethod(),
        host(request),
        request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(),
        request.getHeaders());
  }

  /**
   * @param inline whether this runs where Jetty called the handler tree: a body that must be
   *     streamed (never expected there) is then written from the pool
   */
  void handle(Request request, Response response, Callback callback, boolean inline) {
    Instant time = clock.instant();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (HttpField field : request.getHeaders()) {
      headers.add(new AbstractMap.SimpleImmutableEntry<>(field.getName(), field.getValue()));
    }
    String query = request.getHttpURI().getQuery();
    // Jetty's path is the one on the wire, still percent-encoded, as S3's signature covers it.
    String path = request.getHttpURI().getPath();
    S3HttpRequest view =
        new S3HttpRequest(
            request.getMethod(),
            path == null || path.isEmpty() ? "/" : path,
            query == null ? "" : query,
            headers,
            new Counted(Content.Source.asInputStream(request), received),
            Request.getRemoteAddr(request),
            request.isSecure(),
            host(request));
    String agent = request.getHeaders().get(HttpHeader.USER_AGENT);
    Exchange exchange =
        new Exchange(
            time,
            view.sourceIp(),
            view.secure(),
            agent == null ? "" : agent,
            Map.of(),
            S3Api.EVENT_SOURCE);
    Codec<S3HttpRequest, S3Reply> codec = s3.codec(view);
    Answers.process(
        pipeline,
        view,
        exchange,
        codec,
        callback,
        (ex, reply, cb) -> {
          if (inline && reply.body() instanceof S3Reply.Stream s && s.length() > SMALL_BODY) {
            RequestWork.blocking(request, () -> send(response, ex, reply, cb));
          } else {
            send(response, ex, reply, cb);
          }
        });
  }

  /**
   * A small object is read whole and written with the headers in one non-blocking write (one {@code
   * writev}), instead of through a blocking stream and a separate last write.
   */
  private void sendSmall(Response response, S3Reply.Stream s, Callback callback) {
    byte[] bytes;
    try (InputStream in = s.in()) {
      bytes = in.readNBytes((int) s.length());
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
      return;
    }
    if (bytes.length != s.length()) {
      callback.failed(
          new IOException("object ended after " + bytes.length + " of " + s.length() + " bytes"));
      return;
    }
    sent.accept(bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static String host(Request request) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  private void send(Response response, Exchange exchange, S3Reply reply, Callback callback) {
    response.setStatus(reply.status());
    HttpFields.Mutable fields = response.getHeaders();
    for (Map.Entry<String, String> h : reply.headers()) {
      fields.add(h.getKey(), h.getValue());
    }
    fields.put(HttpHeader.DATE, HttpDates.format(exchange.time()));
    fields.put(SERVER);
    S3Reply.Body body = reply.body();
    if (reply.status() != 204 && reply.status() != 304) {
      fields.put(HttpHeader.CONTENT_LENGTH, body.length());
    }
    if (body instanceof S3Reply.Bytes b) {
      response.write(true, ByteBuffer.wrap(b.bytes()), callback);
    } else if (body instanceof S3Reply.Stream s && s.length() <= SMALL_BODY) {
      sendSmall(response, s, callback);
    } else if (body instanceof S3Reply.Stream s) {
      // A read answers at once (its record needs no fsync), on the request's own thread, which may
      // block while the client reads.
      try (InputStream in = s.in();
          OutputStream out = Content.Sink.asOutputStream(response)) {
        sent.accept(in.transferTo(out));
      } catch (IOException | RuntimeException e) {
        callback.failed(e);
        return;
      }
      callback.succeeded();
    } else {
      response.write(true, ByteBuffer.allocate(0), callback);
    }
  }
}
