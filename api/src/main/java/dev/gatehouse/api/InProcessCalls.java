package dev.gatehouse.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Runs the actions of the Query APIs in process, for the web console: the same operations, the same
 * authorizers and the same audit record as an HTTP request, through the one {@link Pipeline},
 * without HTTP and SigV4 (the caller was authenticated by the console's own sign-in or by its role
 * session's token). Parameters are given exactly as an SDK sends them ({@code Tags.member.1.Key});
 * the result comes back as the operation's output shape in JSON (CloudTrail's lowerCamelCase
 * names), secrets included, so that the console can keep the credentials of AssumeRole.
 */
public final class InProcessCalls {
  private final Map<String, Routed> apis;
  private final Pipeline pipeline;
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

  public InProcessCalls(
      QueryApi iam,
      Authorizer iamAuthorizer,
      List<ApiRoute> others,
      Pipeline pipeline,
      Clock clock) {
    Map<String, Routed> byName = new HashMap<>();
    byName.put(iam.signingName(), new Routed(iam, iamAuthorizer));
    for (ApiRoute route : others) {
      byName.put(route.signingName(), new Routed(route.api(), route.authorizer()));
    }
    this.apis = Map.copyOf(byName);
    this.pipeline = pipeline;
    this.clock = clock;
  }

  /** One action the console asks for. */
  private record Request(Routed routed, String action, Map<String, String> params, Caller caller) {}

  /**
   * Runs one action as {@code caller}, through the same pipeline as an HTTP request. Returns once
   * the action's audit record is durable.
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
    Exchange exchange =
        new Exchange(
            clock.instant(),
            origin.sourceIp(),
            origin.secure(),
            origin.userAgent(),
            origin.contextKeys(),
            routed.api().eventSource());
    try {
      return pipeline.process(new Request(routed, action, params, caller), exchange, CODEC).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof GatehouseException refused) {
        throw refused;
      }
      throw e;
    }
  }

  /**
   * The console's side of the pipeline: the caller is already authenticated (by the console's
   * sign-in, or by its role session's token), parameters are given as an SDK sends them, the answer
   * is the result shape with its secrets (the console keeps AssumeRole's credentials), and a
   * refusal is thrown.
   */
  private static final Codec<Request, ObjectNode> CODEC =
      new Codec<>() {
        @Override
        public Call address(Request request, Exchange exchange) {
          QueryApi api = request.routed().api();
          Map<String, String> all = new LinkedHashMap<>();
          all.put("Action", request.action());
          all.put("Version", api.version());
          all.putAll(request.params());
          QueryParameters query = QueryParameters.of(all);
          exchange.parameters = AuditEvent.Parameters.query(query);
          Caller caller = request.caller();
          return new Call(
              api.signingName(),
              api.eventSource(),
              request.action(),
              new Authenticator.Attempt(caller.accessKeyId(), api.signingName(), () -> caller),
              request.routed().authorizer(),
              () -> QueryCodec.bound(api.operation(query), query));
        }

        @Override
        public ObjectNode success(
            Call call, Bound operation, Operation.Result result, Exchange exchange) {
          AuditShape out = AuditShape.withSecrets();
          result.writeTo(out);
          return out.result();
        }

        @Override
        public ObjectNode failure(
            Optional<Call> call, GatehouseException error, Exchange exchange) {
          throw error;
        }

        @Override
        public GatehouseException internalFailure(Optional<Call> call) {
          return new GatehouseException(
              ErrorCode.INTERNAL_FAILURE, "We encountered an internal error. Please try again.");
        }
      };

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
}
