package dev.gatehouse.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the actions of the Query APIs in process, for the web console: the same operations, the same
 * authorizers and the same audit record as {@link QueryHandler}, without HTTP and SigV4 (the caller
 * was authenticated by the console's own sign-in or by its role session's token). Parameters are
 * given exactly as an SDK sends them ({@code Tags.member.1.Key}); the result comes back as the
 * operation's output shape in JSON (CloudTrail's lowerCamelCase names), secrets included, so that
 * the console can keep the credentials of AssumeRole.
 */
public final class InProcessCalls {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessCalls.class);

  private final Map<String, Routed> apis;
  private final AuditLog audit;
  private final Clock clock;

  private record Routed(QueryApi api, Authorizer authorizer) {}

  /**
   * Where a call comes from, for the authorizer and the audit record.
   *
   * @param contextKeys condition keys the caller's sign-in carries (the console's MFA facts); the
   *     request's own keys win over them
   */
  public record Origin(
      String sourceIp, boolean secure, String userAgent, Map<String, List<String>> contextKeys) {
    public Origin {
      Objects.requireNonNull(sourceIp);
      Objects.requireNonNull(userAgent);
      contextKeys = Map.copyOf(contextKeys);
    }
  }

  InProcessCalls(
      QueryApi iam, Authorizer iamAuthorizer, List<ApiRoute> others, AuditLog audit, Clock clock) {
    Map<String, Routed> byName = new HashMap<>();
    byName.put(iam.signingName(), new Routed(iam, iamAuthorizer));
    for (ApiRoute route : others) {
      byName.put(route.signingName(), new Routed(route.api(), route.authorizer()));
    }
    this.apis = Map.copyOf(byName);
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Runs one action as {@code caller}.
   *
   * @param service the API's signing name: {@code iam}, {@code sts} or {@code gatehouse}
   * @return the result shape (an empty object for actions without a result)
   * @throws GatehouseException AWS's error, AccessDenied with AWS's message when denied
   */
  public ObjectNode call(
      String service, String action, Map<String, String> params, Caller caller, Origin origin) {
    Routed routed = apis.get(service);
    if (routed == null) {
      throw new IllegalArgumentException("no API with signing name " + service);
    }
    QueryApi api = routed.api();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Action", action);
    all.put("Version", api.version());
    all.putAll(params);
    QueryParameters query = QueryParameters.of(all);
    Instant time = clock.instant();
    String requestId = RequestIds.next();
    boolean readOnly =
        ServiceReference.bundled()
            .action(api.signingName() + ":" + action)
            .map(ServiceReference.ActionInfo::readOnly)
            .orElse(false);
    Call call = new Call(api, action, query, caller, origin, time, requestId, readOnly);
    Operation.Result result;
    try {
      Operation<?, ?> operation = api.operation(query);
      result =
          operation.run(
              query,
              caller,
              (name, target, keys) ->
                  routed
                      .authorizer()
                      .authorize(
                          new AuthorizationRequest(
                              caller.principal(),
                              api.signingName() + ":" + name,
                              target,
                              merged(origin.contextKeys(), keys),
                              origin.sourceIp(),
                              origin.secure(),
                              time)));
    } catch (GatehouseException e) {
      record(call, JsonNodeFactory.instance.objectNode(), failed(e.code(), e.getMessage()));
      throw e;
    } catch (RuntimeException e) {
      LOG.error("in-process request {} failed", requestId, e);
      record(
          call,
          JsonNodeFactory.instance.objectNode(),
          failed(ErrorCode.INTERNAL_FAILURE, "We encountered an internal error."));
      throw new GatehouseException(
          ErrorCode.INTERNAL_FAILURE, "We encountered an internal error. Please try again.");
    }
    AuditShape elements = new AuditShape();
    if (!readOnly) {
      result.writeTo(elements);
    }
    record(call, elements.result(), new AuditEvent.Failure.None());
    AuditShape out = AuditShape.withSecrets();
    result.writeTo(out);
    return out.result();
  }

  /**
   * Evaluates one request for {@code caller} with the authorizer of the action's API (STS actions
   * go through the trust policy), without running anything: the console's access check.
   *
   * @throws GatehouseException AccessDenied with AWS's message
   */
  public Decision check(Caller caller, String action, Target target, Origin origin) {
    String prefix = action.contains(":") ? action.substring(0, action.indexOf(':')) : "";
    Routed routed = apis.getOrDefault(prefix, apis.get("iam"));
    return routed
        .authorizer()
        .authorize(
            new AuthorizationRequest(
                caller.principal(),
                action,
                target,
                origin.contextKeys(),
                origin.sourceIp(),
                origin.secure(),
                clock.instant()));
  }

  private static Map<String, List<String>> merged(
      Map<String, List<String>> context, Map<String, List<String>> request) {
    if (context.isEmpty()) {
      return request;
    }
    Map<String, List<String>> out = new LinkedHashMap<>(context);
    out.putAll(request);
    return out;
  }

  private record Call(
      QueryApi api,
      String action,
      QueryParameters params,
      Caller caller,
      Origin origin,
      Instant time,
      String requestId,
      boolean readOnly) {}

  private static AuditEvent.Failure failed(ErrorCode code, String message) {
    return new AuditEvent.Failure.Failed(code.awsCode(), message);
  }

  private void record(Call call, ObjectNode responseElements, AuditEvent.Failure failure) {
    AuditEvent event =
        new AuditEvent(
            call.time(),
            call.requestId(),
            call.api().eventSource(),
            call.action(),
            call.caller().region(),
            call.origin().sourceIp(),
            call.origin().userAgent(),
            new AuditEvent.Identity.Known(call.caller().principal(), call.caller().accessKeyId()),
            AuditEvent.Parameters.query(call.params()),
            responseElements,
            failure,
            call.readOnly(),
            call.caller().principal().accountId());
    audit.record(event);
  }
}
