package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.org.OrganizationsException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of the AWS JSON 1.1 APIs, readable in {@link #process}: request id, size
 * limits, SigV4 authentication, protocol decode ({@code X-Amz-Target}), authorization, handler,
 * audit record, then the JSON result or AWS's JSON error document. Requests without {@code
 * X-Amz-Target} go to the wrapped handler (the Query APIs).
 *
 * <p>spec: Smithy "AWS JSON 1.1 protocol": {@code POST /}, {@code X-Amz-Target: Prefix.Operation},
 * {@code Content-Type: application/x-amz-json-1.1}; errors as {@code {"__type": "Code", "Message":
 * "..."}}.
 */
final class JsonHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(JsonHandler.class);
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String TARGET = "X-Amz-Target";

  /**
   * Members CloudTrail hides in Organizations events (sensitive in the service model: e-mail
   * addresses and account names), by their record names.
   */
  static final Set<String> HIDDEN = Set.of("email", "accountName", "name", "masterAccountEmail");

  static final String HIDDEN_VALUE = "HIDDEN_DUE_TO_SECURITY_REASONS";

  private final List<JsonApi> apis;
  private final AuditLog audit;
  private final Clock clock;
  private final HttpRequestReader reader;

  JsonHandler(List<JsonApi> apis, Handler query, AuditLog audit, Clock clock, long maxBodyBytes) {
    super(query);
    this.apis = List.copyOf(apis);
    this.audit = audit;
    this.clock = clock;
    this.reader = new HttpRequestReader(maxBodyBytes);
  }

  /** What the pipeline learned about one request (for the audit record). */
  private static final class Exchange extends AuditedExchange {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    String eventSource = "";

    Exchange(Instant time) {
      super(time);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String target = request.getHeaders().get(TARGET);
    if (target == null) {
      return super.handle(request, response, callback);
    }
    Exchange exchange = new Exchange(clock.instant());
    byte[] body;
    int status;
    try {
      body = process(request, target, exchange);
      status = 200;
    } catch (GatehouseException e) {
      status = status(e.code());
      body = failure(exchange, e);
    } catch (RuntimeException e) {
      // Internal text never reaches the client; the log line carries the request id.
      LOG.error("request {} failed", exchange.requestId, e);
      GatehouseException internal =
          new GatehouseException(
              ErrorCode.INTERNAL_FAILURE,
              "AWS Organizations can't complete your request because of an internal service"
                  + " error. Try again later.");
      status = status(internal.code());
      body = failure(exchange, internal);
    }
    response.setStatus(status);
    response.getHeaders().put("x-amzn-RequestId", exchange.requestId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    response
        .getHeaders()
        .put(
            HttpHeader.DATE,
            DateTimeFormatter.RFC_1123_DATE_TIME.format(exchange.time.atZone(ZoneOffset.UTC)));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** The pipeline. Returns the encoded response; throws AWS errors. */
  private byte[] process(Request jetty, String target, Exchange exchange) {
    HttpRequestView request = reader.read(jetty); // size limits
    exchange.request = request;
    int dot = target.lastIndexOf('.');
    String prefix = dot < 0 ? target : target.substring(0, dot);
    exchange.action = dot < 0 ? "" : target.substring(dot + 1);
    JsonApi api =
        apis.stream()
            .filter(a -> a.targetPrefix().equals(prefix))
            .findFirst()
            .orElseThrow(() -> unknownOperation(target));
    exchange.eventSource = api.eventSource();
    exchange.identity =
        new AuditEvent.Identity.Unknown(api.authenticator().claimedAccessKeyId(request));
    Caller caller = api.authenticator().authenticate(request);
    exchange.identity = new AuditEvent.Identity.Known(caller.principal(), caller.accessKeyId());
    exchange.region = caller.region();
    exchange.recipientAccountId = caller.principal().accountId();
    JsonOperation<?, ?> operation =
        api.operation(exchange.action).orElseThrow(() -> unknownOperation(target));
    JsonRequest document = JsonRequest.parse(request.body());
    exchange.params = hidden(document.document());
    String action = api.signingName() + ":" + operation.name();
    exchange.readOnly =
        ServiceReference.bundled()
            .action(action)
            .map(ServiceReference.ActionInfo::readOnly)
            .orElse(false);
    Operation.Result result =
        operation.run(
            document,
            caller,
            (name, resource, keys) ->
                api.authorizer()
                    .authorize(
                        new AuthorizationRequest(
                            caller.principal(),
                            api.signingName() + ":" + name,
                            resource,
                            keys,
                            request.sourceIp(),
                            request.secure(),
                            exchange.time)));
    JsonShape out = new JsonShape();
    result.writeTo(out);
    AuditShape elements = new AuditShape();
    if (!exchange.readOnly) {
      result.writeTo(elements);
    }
    record(exchange, hidden(elements.result()), new AuditEvent.Failure.None());
    return out.bytes();
  }

  private static GatehouseException unknownOperation(String target) {
    return new GatehouseException(
        ErrorCode.UNKNOWN_OPERATION, "The operation " + target + " is not known to this service.");
  }

  /**
   * The error code on the JSON wire. Authentication failures take the names JSON services answer
   * with; the rest are the error table's codes.
   */
  static String wireCode(ErrorCode code) {
    return switch (code) {
      case INVALID_CLIENT_TOKEN_ID -> "UnrecognizedClientException";
      case SIGNATURE_DOES_NOT_MATCH, REQUEST_EXPIRED -> "InvalidSignatureException";
      case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
      case MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationTokenException";
      case EXPIRED_TOKEN -> "ExpiredTokenException";
      case ACCESS_DENIED -> ErrorCode.ORGANIZATIONS_ACCESS_DENIED.awsCode();
      case INTERNAL_FAILURE, SERVICE_FAILURE -> ErrorCode.ORGANIZATIONS_SERVICE.awsCode();
      case THROTTLING -> "TooManyRequestsException";
      default -> code.awsCode();
    };
  }

  /** The HTTP status: JSON services answer client errors with 400. */
  static int status(ErrorCode code) {
    int status = code.httpStatus();
    return status >= 500 || status == 413 ? status : 400;
  }

  /** Records the failure (fail closed: if even that fails, the client gets ServiceException). */
  private byte[] failure(Exchange exchange, GatehouseException error) {
    GatehouseException sent = error;
    try {
      record(
          exchange,
          JsonNodeFactory.instance.objectNode(),
          new AuditEvent.Failure.Failed(wireCode(error.code()), error.getMessage()));
    } catch (GatehouseException e) {
      sent = e;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", wireCode(sent.code()));
    body.put("Message", sent.getMessage());
    Optional<String> reason =
        sent instanceof OrganizationsException o ? o.reason() : Optional.empty();
    reason.ifPresent(r -> body.put("Reason", r));
    return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** CloudTrail's camelCase parameters with the sensitive members hidden. */
  static ObjectNode hidden(ObjectNode document) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : document.properties()) {
      String name = AuditShape.camel(member.getKey());
      out.set(name, HIDDEN.contains(name) ? out.textNode(HIDDEN_VALUE) : hidden(member.getValue()));
    }
    return out;
  }

  private static JsonNode hidden(JsonNode node) {
    if (node instanceof ObjectNode object) {
      return hidden(object);
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      array.forEach(item -> out.add(hidden(item)));
      return out;
    }
    return node;
  }

  private void record(Exchange exchange, ObjectNode responseElements, AuditEvent.Failure failure) {
    audit.record(
        exchange.event(
            exchange.eventSource,
            AuditEvent.Parameters.json(exchange.params),
            responseElements,
            failure));
  }
}
