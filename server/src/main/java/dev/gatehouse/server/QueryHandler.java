package dev.gatehouse.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of the AWS Query APIs, readable in {@link #process}: request id, size
 * limits, SigV4 authentication, protocol decode, authorization, handler, audit record, then the
 * encoded result or AWS's error envelope.
 */
final class QueryHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final QueryApi iam;
  private final AuditLog audit;
  private final Clock clock;
  private final HttpRequestReader reader;
  private final List<Routed> routes;

  /** Another API on the endpoint and the authorizer of its actions. */
  private record Routed(QueryApi api, Authorizer authorizer) {}

  QueryHandler(
      Authenticator authenticator,
      Authorizer authorizer,
      QueryApi iam,
      AuditLog audit,
      Clock clock,
      long maxBodyBytes) {
    this(authenticator, authorizer, iam, List.of(), audit, clock, maxBodyBytes);
  }

  /**
   * @param others APIs served next to IAM (STS), chosen by signing service or Version
   */
  QueryHandler(
      Authenticator authenticator,
      Authorizer authorizer,
      QueryApi iam,
      List<ApiRoute> others,
      AuditLog audit,
      Clock clock,
      long maxBodyBytes) {
    List<Routed> routed = new ArrayList<>();
    for (ApiRoute route : others) {
      routed.add(new Routed(route.api(), route.authorizer()));
    }
    this.routes = List.copyOf(routed);
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.iam = iam;
    this.audit = audit;
    this.clock = clock;
    this.reader = new HttpRequestReader(maxBodyBytes);
  }

  /** What the pipeline learned about one request (for the audit record). */
  private static final class Exchange extends AuditedExchange {
    QueryParameters params = QueryParameters.of(Map.of());
    QueryApi api;
    CompletableFuture<Void> recorded; // the success record's write, once there is one

    Exchange(Instant time) {
      super(time);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(clock.instant());
    byte[] body;
    int status;
    try {
      body = process(request, exchange);
      status = 200;
    } catch (GatehouseException e) {
      status = e.code().httpStatus();
      body = failure(exchange, e.code(), e.getMessage());
    } catch (RuntimeException e) {
      body = internalFailure(exchange, e);
      status = ErrorCode.INTERNAL_FAILURE.httpStatus();
    }
    CompletableFuture<Void> recorded = exchange.recorded;
    if (recorded == null || (recorded.isDone() && !recorded.isCompletedExceptionally())) {
      // Failures, and reads whose record needed no fsync, leave at once.
      send(response, exchange, status, body, callback);
      return true;
    }
    // The response leaves once its audit record is on disk; no thread waits meanwhile. The
    // completion may run on the audit committer's thread: sending does not block.
    byte[] success = body;
    int successStatus = status;
    // Failures are handled inside: the action catches what sending throws.
    CompletableFuture<Void> unused =
        recorded.whenComplete(
            (ok, error) -> {
              try {
                if (error == null) {
                  send(response, exchange, successStatus, success, callback);
                } else if (error.getCause() instanceof GatehouseException e) {
                  send(
                      response,
                      exchange,
                      e.code().httpStatus(),
                      failure(exchange, e.code(), e.getMessage()),
                      callback);
                } else {
                  send(
                      response,
                      exchange,
                      ErrorCode.INTERNAL_FAILURE.httpStatus(),
                      internalFailure(exchange, error),
                      callback);
                }
              } catch (RuntimeException e) {
                callback.failed(e);
              }
            });
    return true;
  }

  /** Internal text never reaches the client; the log line carries the request id. */
  private byte[] internalFailure(Exchange exchange, Throwable e) {
    LOG.error("request {} failed", exchange.requestId, e);
    return failure(
        exchange,
        ErrorCode.INTERNAL_FAILURE,
        "We encountered an internal error. Please try again.");
  }

  private void send(
      Response response, Exchange exchange, int status, byte[] body, Callback callback) {
    response.setStatus(status);
    response.getHeaders().put("x-amzn-RequestId", exchange.requestId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
    // The server's own time, from its clock: SDKs correct their clock skew from it after
    // RequestExpired.
    response.getHeaders().put(HttpHeader.DATE, httpDate(exchange.time));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** The last Date header written, reused for every response within the same second. */
  private volatile HttpDate lastDate = new HttpDate(Long.MIN_VALUE, "");

  private record HttpDate(long epochSecond, String text) {}

  private String httpDate(Instant time) {
    HttpDate last = lastDate;
    if (last.epochSecond() == time.getEpochSecond()) {
      return last.text();
    }
    HttpDate next =
        new HttpDate(
            time.getEpochSecond(),
            DateTimeFormatter.RFC_1123_DATE_TIME.format(time.atZone(ZoneOffset.UTC)));
    lastDate = next;
    return next.text();
  }

  /** The pipeline. Returns the encoded response; throws AWS errors. */
  private byte[] process(Request jetty, Exchange exchange) {
    HttpRequestView request = reader.read(jetty); // size limits
    exchange.request = request;
    Authenticator.Attempt authentication = authenticator.attempt(request);
    exchange.identity = new AuditEvent.Identity.Unknown(authentication.claimedAccessKeyId());
    exchange.params = QueryProtocol.parameters(request);
    exchange.action = exchange.params.get("Action").orElse("");
    Routed route = route(exchange.params, authentication.claimedService());
    exchange.api = route.api();
    Caller caller = authentication.authenticate();
    exchange.identity = new AuditEvent.Identity.Known(caller.principal(), caller.accessKeyId());
    exchange.region = caller.region();
    exchange.recipientAccountId = caller.principal().accountId();
    QueryApi api = route.api();
    Authorizer decider = route.authorizer();
    Operation<?, ?> operation = api.operation(exchange.params);
    exchange.readOnly =
        reference(api, operation.name()).map(ServiceReference.ActionInfo::readOnly).orElse(false);
    Operation.Result result =
        operation.run(
            exchange.params,
            caller,
            (action, target, keys) ->
                decider.authorize(
                    new AuthorizationRequest(
                        caller.principal(),
                        api.signingName() + ":" + action,
                        target,
                        keys,
                        request.sourceIp(),
                        request.secure(),
                        exchange.time)));
    AuditShape elements = new AuditShape();
    if (!exchange.readOnly) {
      result.writeTo(elements);
    }
    // Sent once the record is written (see handle).
    exchange.recorded =
        audit.recordLater(event(exchange, elements.result(), new AuditEvent.Failure.None()));
    XmlWriter xml = new XmlWriter();
    xml.root(operation.name() + "Response", api.namespace());
    if (operation.hasResult()) {
      xml.start(operation.name() + "Result");
      result.writeTo(xml);
      xml.end();
    }
    xml.start("ResponseMetadata").field("RequestId", exchange.requestId).end();
    return xml.finish();
  }

  /**
   * The API a request is for: the one whose signing service the credential scope names, else the
   * one whose Version the request gives, else IAM (spec: AWS-FACTS 1.5; IAM and STS share the
   * endpoint here).
   */
  private Routed route(QueryParameters params, String service) {
    for (Routed r : routes) {
      if (r.api().signingName().equals(service)) {
        return r;
      }
    }
    String version = params.get("Version").orElse("");
    for (Routed r : routes) {
      if (r.api().version().equals(version)) {
        return r;
      }
    }
    return new Routed(iam, authorizer);
  }

  private static java.util.Optional<ServiceReference.ActionInfo> reference(
      QueryApi api, String action) {
    return ServiceReference.bundled().action(api.signingName() + ":" + action);
  }

  /** Records the failure (fail closed: if even that fails, the client gets InternalFailure). */
  private byte[] failure(Exchange exchange, ErrorCode code, String message) {
    ErrorCode sent = code;
    String text = message;
    try {
      record(
          exchange,
          JsonNodeFactory.instance.objectNode(),
          new AuditEvent.Failure.Failed(code.awsCode(), message));
    } catch (GatehouseException e) {
      sent = e.code();
      text = e.getMessage();
    }
    QueryApi api = exchange.api == null ? iam : exchange.api;
    return QueryProtocol.errorEnvelope(api.namespace(), sent, text, exchange.requestId);
  }

  private void record(Exchange exchange, ObjectNode responseElements, AuditEvent.Failure failure) {
    audit.record(event(exchange, responseElements, failure));
  }

  private AuditEvent event(
      Exchange exchange, ObjectNode responseElements, AuditEvent.Failure failure) {
    return exchange.event(
        (exchange.api == null ? iam : exchange.api).eventSource(),
        AuditEvent.Parameters.query(exchange.params),
        responseElements,
        failure);
  }
}
