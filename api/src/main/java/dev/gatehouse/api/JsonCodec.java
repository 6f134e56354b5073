package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.org.OrganizationsException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS JSON 1.1 protocol (AWS Organizations): the API and action named by {@code X-Amz-Target:
 * Prefix.Operation}, a JSON request document, the result as a JSON document, errors as {@code
 * {"__type": "Code", "Message": "..."}} with HTTP 400 for client errors.
 *
 * <p>spec: Smithy "AWS JSON 1.1 protocol": {@code POST /}, {@code X-Amz-Target: Prefix.Operation},
 * {@code Content-Type: application/x-amz-json-1.1}.
 */
public final class JsonCodec implements Codec<HttpRequestView, Reply> {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  public static final String TARGET = "X-Amz-Target";

  /**
   * Members CloudTrail hides in Organizations events (sensitive in the service model: e-mail
   * addresses and account names), by their record names.
   */
  static final Set<String> HIDDEN = Set.of("email", "accountName", "name", "masterAccountEmail");

  static final String HIDDEN_VALUE = "HIDDEN_DUE_TO_SECURITY_REASONS";

  private final List<JsonApi> apis;

  public JsonCodec(List<JsonApi> apis) {
    this.apis = List.copyOf(apis);
  }

  /** Whether a request speaks this protocol. */
  static boolean speaks(HttpRequestView request) {
    return !request.header(TARGET).isEmpty();
  }

  @Override
  public Call address(HttpRequestView request, Exchange exchange) {
    String target = request.header(TARGET);
    int dot = target.lastIndexOf('.');
    String prefix = dot < 0 ? target : target.substring(0, dot);
    exchange.action = dot < 0 ? "" : target.substring(dot + 1);
    JsonApi api =
        apis.stream()
            .filter(a -> a.targetPrefix().equals(prefix))
            .findFirst()
            .orElseThrow(() -> unknownOperation(target));
    exchange.eventSource = api.eventSource();
    Authenticator.Attempt authentication = api.authenticator().attempt(request);
    String action = exchange.action;
    return new Call(
        api.signingName(),
        api.eventSource(),
        action,
        authentication,
        api.authorizer(),
        () -> {
          JsonOperation<?, ?> operation =
              api.operation(action).orElseThrow(() -> unknownOperation(target));
          // Parsed after authentication, as AWS does; the record then shows its members.
          JsonRequest document = JsonRequest.parse(request.body());
          exchange.parameters = AuditEvent.Parameters.json(hidden(document.document()));
          return new Bound(
              operation.name(), true, (caller, gate) -> operation.run(document, caller, gate));
        });
  }

  private static GatehouseException unknownOperation(String target) {
    return new GatehouseException(
        ErrorCode.UNKNOWN_OPERATION, "The operation " + target + " is not known to this service.");
  }

  @Override
  public Reply success(Call call, Bound operation, Operation.Result result, Exchange exchange) {
    JsonShape out = new JsonShape();
    result.writeTo(out);
    return new Reply(200, CONTENT_TYPE, out.bytes());
  }

  @Override
  public Reply failure(Optional<Call> call, GatehouseException error, Exchange exchange) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", wireCode(error.code()));
    body.put("Message", error.getMessage());
    Optional<String> reason =
        error instanceof OrganizationsException o ? o.reason() : Optional.empty();
    reason.ifPresent(r -> body.put("Reason", r));
    return new Reply(
        status(error.code()), CONTENT_TYPE, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public GatehouseException internalFailure(Optional<Call> call) {
    String service = call.map(Call::signingName).orElse("");
    for (JsonApi api : apis) {
      if (api.signingName().equals(service)) {
        return new GatehouseException(ErrorCode.INTERNAL_FAILURE, api.internalFailureMessage());
      }
    }
    return new GatehouseException(
        ErrorCode.INTERNAL_FAILURE, "We encountered an internal error. Please try again.");
  }

  @Override
  public String recordedCode(GatehouseException error) {
    return wireCode(error.code());
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
}
