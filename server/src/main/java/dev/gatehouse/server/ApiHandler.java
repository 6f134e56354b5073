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
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty adapter of the API {@link Pipeline}: copies the request out of Jetty (within the size
 * limit), picks the protocol's codec (S3's REST requests go to {@link S3Handler}, which streams
 * their bodies; {@code X-Amz-Target} names a JSON 1.1 call; anything else is a Query call), and
 * writes the pipeline's reply once it completes. No thread waits for the audit record: the reply is
 * sent from its completion.
 */
final class ApiHandler extends Handler.Abstract {
  private final Pipeline pipeline;
  private final QueryCodec query;
  private final JsonCodec json;
  private final HttpRequestReader reader;
  private final Clock clock;
  private final Optional<S3Handler> s3;
  private final Optional<MetricsCodec> metrics;

  ApiHandler(Pipeline pipeline, QueryCodec query, JsonCodec json, Clock clock, long maxBodyBytes) {
    this(pipeline, query, json, clock, maxBodyBytes, Optional.empty());
  }

  /**
   * @param s3 S3's adapter, when the node serves S3: its requests stream and have no size limit
   */
  ApiHandler(
      Pipeline pipeline,
      QueryCodec query,
      JsonCodec json,
      Clock clock,
      long maxBodyBytes,
      Optional<S3Handler> s3) {
    this(pipeline, query, json, clock, maxBodyBytes, s3, Optional.empty());
  }

  /**
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
    this.s3 = s3;
    this.metrics = metrics;
    this.pipeline = pipeline;
    this.query = query;
    this.json = json;
    this.clock = clock;
    this.reader = new HttpRequestReader(maxBodyBytes);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    // Before S3's handler, which would take an unsigned GET for an anonymous S3 call.
    boolean metricsCall =
        metrics.isPresent()
            && MetricsCodec.addresses(request.getMethod(), request.getHttpURI().getPath());
    if (!metricsCall && s3.isPresent() && s3.get().addresses(request)) {
      s3.get().handle(request, response, callback);
      return true;
    }
    Instant time = clock.instant();
    boolean jsonCall = request.getHeaders().get(JsonCodec.TARGET) != null;
    Codec<HttpRequestView, Reply> codec = jsonCall ? json : query;
    if (metricsCall) {
      codec = metrics.get();
    }
    String eventSource = jsonCall ? "" : query.defaultEventSource();
    HttpRequestView view;
    try {
      view = reader.read(request); // size limits
    } catch (GatehouseException e) {
      Exchange refused =
          new Exchange(
              time,
              Request.getRemoteAddr(request),
              request.isSecure(),
              headerOrEmpty(request, HttpHeader.USER_AGENT),
              Map.of(),
              eventSource);
      send(response, refused, pipeline.refuse(refused, codec, e), callback);
      return true;
    }
    Exchange exchange = Exchange.of(view, time, eventSource);
    Answers.process(
        pipeline,
        view,
        exchange,
        codec,
        callback,
        (ex, reply, cb) -> send(response, ex, reply, cb));
    return true;
  }

  private static String headerOrEmpty(Request request, HttpHeader header) {
    String value = request.getHeaders().get(header);
    return value == null ? "" : value;
  }

  private void send(Response response, Exchange exchange, Reply reply, Callback callback) {
    response.setStatus(reply.status());
    response.getHeaders().put("x-amzn-RequestId", exchange.requestId());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    // The server's own time, from its clock: SDKs correct their clock skew from it after
    // RequestExpired.
    response.getHeaders().put(HttpHeader.DATE, HttpDates.format(exchange.time()));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }
}
