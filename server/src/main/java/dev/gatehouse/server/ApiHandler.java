package dev.gatehouse.server;

import dev.gatehouse.api.Codec;
import dev.gatehouse.api.Exchange;
import dev.gatehouse.api.HttpDates;
import dev.gatehouse.api.HttpRequestView;
import dev.gatehouse.api.JsonCodec;
import dev.gatehouse.api.MetricsCodec;
import dev.gatehouse.api.Pipeline;
import dev.gatehouse.api.QueryCodec;
import dev.gatehouse.api.Reply;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty adapter of the API {@link Pipeline}: reads the request's small body without blocking
 * (within the size limit), picks the protocol's codec (S3's REST requests go to {@link S3Handler},
 * which streams their bodies; {@code X-Amz-Target} names a JSON 1.1 call; anything else is a Query
 * call), and writes the pipeline's reply once it completes. No thread waits for the audit record:
 * the reply is sent from its completion.
 *
 * <p>The handler declares itself non-blocking, so Jetty calls it on the thread that parsed the
 * request (often the selector, with no hand-off). A request that {@link InlineReads} finds answered
 * from memory runs there, and so does an S3 read of a small object held in memory that {@link
 * InlineObjectReads} finds; everything else (writes, a first request that builds a snapshot, other
 * S3 requests, metrics) is handed to the server's pool by {@link RequestWork}, as a blocking
 * handler would be.
 */
final class ApiHandler extends Handler.Abstract {
  private final Pipeline pipeline;
  private final QueryCodec query;
  private final JsonCodec json;
  private final long maxBodyBytes;
  private final Clock clock;
  private final Optional<S3Handler> s3;
  private final Optional<MetricsCodec> metrics;
  private final RequestWork work;
  private final InlineReads inline;

  ApiHandler(Pipeline pipeline, QueryCodec query, JsonCodec json, Clock clock, long maxBodyBytes) {
    this(pipeline, query, json, clock, maxBodyBytes, Optional.empty(), Optional.empty());
  }

  /**
   * @param s3 S3's adapter, when the node serves S3: its requests stream and have no size limit
   * @param metrics {@code GET /metrics} as an authorized action ({@code serve --metrics public})
   */
  ApiHandler(
      Pipeline pipeline,
      QueryCodec query,
      JsonCodec json,
      Clock clock,
      long maxBodyBytes,
      Optional<S3Handler> s3,
      Optional<MetricsCodec> metrics) {
    this(
        pipeline,
        query,
        json,
        clock,
        maxBodyBytes,
        s3,
        metrics,
        RequestWork.unscoped(),
        InlineReads.NONE);
  }

  /**
   * @param work where requests run (and the write scope around them)
   * @param inline which requests run without a hand-off to the pool
   */
  ApiHandler(
      Pipeline pipeline,
      QueryCodec query,
      JsonCodec json,
      Clock clock,
      long maxBodyBytes,
      Optional<S3Handler> s3,
      Optional<MetricsCodec> metrics,
      RequestWork work,
      InlineReads inline) {
    super(InvocationType.NON_BLOCKING);
    this.s3 = s3;
    this.metrics = metrics;
    this.pipeline = pipeline;
    this.query = query;
    this.json = json;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.work = work;
    this.inline = inline;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    // Before S3's handler, which would take an unsigned GET for an anonymous S3 call.
    boolean metricsCall =
        metrics.isPresent()
            && MetricsCodec.addresses(request.getMethod(), request.getHttpURI().getPath());
    if (!metricsCall && s3.isPresent() && s3.get().addresses(request)) {
      S3Handler objects = s3.get();
      if (objects.runsInline(request)) {
        work.inline(() -> s3(objects, request, response, callback, true));
      } else {
        work.pooled(request, () -> s3(objects, request, response, callback, false)); // streams
      }
      return true;
    }
    Instant time = clock.instant();
    boolean jsonCall = request.getHeaders().get(JsonCodec.TARGET) != null;
    Codec<HttpRequestView, Reply> codec = metricsCall ? metrics.get() : jsonCall ? json : query;
    String eventSource = jsonCall ? "" : query.defaultEventSource();
    BodyReader.read(
        request,
        maxBodyBytes,
        new BodyReader.Completion() {
          @Override
          public void read(byte[] body) {
            Runnable run =
                () -> process(request, response, callback, body, time, eventSource, codec);
            try {
              if (!metricsCall
                  && !jsonCall
                  && inline.eligible(request.getHeaders(), request.getHttpURI().getQuery(), body)) {
                work.inline(run);
              } else {
                work.pooled(request, run);
              }
            } catch (RuntimeException e) {
              // Maybe on Jetty's demand callback, after handle returned: fail the request here
              // (a pool that refuses work, a fault in the check).
              callback.failed(e);
            }
          }

          @Override
          public void refused(GatehouseException error) {
            // A refusal's record is not forced to disk: answered where it was read.
            Exchange refused =
                new Exchange(
                    time,
                    Request.getRemoteAddr(request),
                    request.isSecure(),
                    headerOrEmpty(request, HttpHeader.USER_AGENT),
                    Map.of(),
                    eventSource);
            try {
              send(response, refused, pipeline.refuse(refused, codec, error), callback);
            } catch (RuntimeException e) {
              callback.failed(e);
            }
          }
        });
    return true;
  }

  private void process(
      Request request,
      Response response,
      Callback callback,
      byte[] body,
      Instant time,
      String eventSource,
      Codec<HttpRequestView, Reply> codec) {
    HttpRequestView view = HttpRequestReader.view(request, body);
    Exchange exchange = Exchange.of(view, time, eventSource);
    Answers.process(
        pipeline,
        view,
        exchange,
        codec,
        callback,
        (ex, reply, cb) -> send(response, ex, reply, cb));
  }

  private static void s3(
      S3Handler objects, Request request, Response response, Callback callback, boolean inline) {
    try {
      objects.handle(request, response, callback, inline);
    } catch (RuntimeException e) {
      callback.failed(e);
    }
  }

  private static String headerOrEmpty(Request request, HttpHeader header) {
    String value = request.getHeaders().get(header);
    return value == null ? "" : value;
  }

  /** The content types the codecs answer with, encoded once (Jetty copies their bytes). */
  private static final Map<String, HttpField> CONTENT_TYPES =
      Map.of(
          "text/xml",
          new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/xml"),
          "application/x-amz-json-1.1",
          new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.1"));

  /** The Date field of the last second answered in: most answers share one. */
  private volatile DateField date = new DateField(Long.MIN_VALUE, null);

  private record DateField(long second, HttpField field) {}

  private void send(Response response, Exchange exchange, Reply reply, Callback callback) {
    response.setStatus(reply.status());
    HttpFields.Mutable headers = response.getHeaders();
    headers.put("x-amzn-RequestId", exchange.requestId());
    HttpField type = CONTENT_TYPES.get(reply.contentType());
    headers.put(type != null ? type : new HttpField(HttpHeader.CONTENT_TYPE, reply.contentType()));
    // The server's own time, from its clock: SDKs correct their clock skew from it after
    // RequestExpired.
    headers.put(dateField(exchange.time()));
    headers.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  private HttpField dateField(Instant time) {
    long second = time.getEpochSecond();
    DateField cached = date;
    if (cached.second() != second) {
      cached =
          new DateField(second, new PreEncodedHttpField(HttpHeader.DATE, HttpDates.format(time)));
      date = cached;
    }
    return cached.field();
  }
}
