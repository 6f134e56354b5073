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
  private final Map<String, RestApi> rest;
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
    this(iam, iamAuthorizer, others, List.of(), pipeline, clock);
  }

  /**
   * @param rest the REST APIs (S3) the console also calls, by their signing names
   */
  public InProcessCalls(
      QueryApi iam,
      Authorizer iamAuthorizer,
      List<ApiRoute> others,
      List<RestApi> rest,
      Pipeline pipeline,
      Clock clock) {
    Map<String, RestApi> restByName = new HashMap<>();
    for (RestApi api : rest) {
      restByName.put(api.signingName(), api);
    }
    this.rest = Map.copyOf(restByName);
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

  /** Whether a REST API (S3) with this signing name is served. */
  public boolean serves(String service) {
    return rest.containsKey(service);
  }

  /**
   * Runs one REST request (S3) as {@code caller}, through the same pipeline, authorizer and audit
   * record as the request over HTTP: the API's own protocol addresses it, only SigV4 is left out
   * (the console authenticated the caller). Returns once the audit record is durable.
   *
   * @param service the REST API's signing name: {@code s3}
   * @return the answer; its body (a stream of {@code length} bytes) must be closed
   * @throws Refused the API's error code, HTTP status and message
   * @throws IllegalArgumentException when no REST API has that signing name
   */
  public RestAnswer rest(String service, RestCall call, Caller caller, Origin origin) {
    RestApi api = rest.get(service);
    if (api == null) {
      throw new IllegalArgumentException("no REST API with signing name " + service);
    }
    Exchange exchange =
        new Exchange(
            clock.instant(),
            origin.sourceIp(),
            origin.secure(),
            origin.userAgent(),
            origin.contextKeys(),
            api.eventSource());
    RestAnswer answer;
    try {
      answer = pipeline.process(call, exchange, api.codec(call, caller)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof GatehouseException refused) {
        throw refused;
      }
      throw e;
    }
    if (answer.refusal().isPresent()) {
      throw answer.refusal().get();
    }
    return answer;
  }

  /** A REST API (S3) the console calls in process, through its own protocol's codec. */
  public interface RestApi {
    /** The API's signing name and action prefix ({@code s3}). */
    String signingName();

    /** CloudTrail's eventSource of the API. */
    String eventSource();

    /**
     * The codec of one call: it addresses the call as the HTTP request it stands for, and
     * authenticates it as {@code caller} (no signature).
     */
    Codec<RestCall, RestAnswer> codec(RestCall call, Caller caller);
  }

  /**
   * One REST request as the console makes it.
   *
   * @param rawPath the path as on the wire, percent-encoded ({@code /bucket/key})
   * @param rawQuery the query string, percent-encoded, empty if none
   * @param headers name/value pairs ({@code Content-Length} for a body)
   * @param body read once by the operation, never buffered whole
   */
  public record RestCall(
      String method,
      String rawPath,
      String rawQuery,
      List<Map.Entry<String, String>> headers,
      java.io.InputStream body) {
    public RestCall {
      Objects.requireNonNull(method);
      Objects.requireNonNull(rawPath);
      Objects.requireNonNull(rawQuery);
      headers = List.copyOf(headers);
      Objects.requireNonNull(body);
    }

    /** A call without a body. */
    public static RestCall of(String method, String rawPath, String rawQuery) {
      return new RestCall(
          method, rawPath, rawQuery, List.of(), java.io.InputStream.nullInputStream());
    }
  }

  /**
   * A REST answer: status, headers and a body of {@code length} bytes (the caller closes it), or
   * the refusal the API answered with.
   */
  public record RestAnswer(
      int status,
      List<Map.Entry<String, String>> headers,
      java.io.InputStream body,
      long length,
      Optional<Refused> refusal) {
    public RestAnswer {
      headers = List.copyOf(headers);
      Objects.requireNonNull(body);
      Objects.requireNonNull(refusal);
    }

    /** The first value of a header (case-insensitive name), or an empty string. */
    public String header(String name) {
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
      return "";
    }

    /** The body read whole, as UTF-8 (for the API's small documents), and closed. */
    public String text() {
      try (java.io.InputStream in = body) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** A REST API's refusal in its own words: its error code (S3's {@code NoSuchBucket}), status. */
  public static final class Refused extends GatehouseException {
    private static final long serialVersionUID = 1L;

    private final String awsCode;
    private final int status;

    public Refused(String awsCode, int status, String message) {
      super(status >= 500 ? ErrorCode.INTERNAL_FAILURE : ErrorCode.ACCESS_DENIED, message);
      this.awsCode = Objects.requireNonNull(awsCode);
      this.status = status;
    }

    /** The API's error code, for example {@code NoSuchBucket}. */
    public String awsCode() {
      return awsCode;
    }

    /** The HTTP status the API answers with. */
    public int status() {
      return status;
    }
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
}
