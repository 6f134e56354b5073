package dev.gatehouse.api;

import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on the public port ({@code serve --metrics public}), as an action of
 * Gatehouse's own API: the request is SigV4-signed like any Query call, authorized as {@value
 * #ACTION} on resource {@code *} by the API's authorizer and audited as a read, through the same
 * {@link Pipeline}. The answer is the Prometheus text format; a refusal is AWS's Query error
 * envelope, and an unsigned request is refused as AccessDenied too (a scraper learns one thing: it
 * may not read).
 */
public final class MetricsCodec implements Codec<HttpRequestView, Reply> {
  /** The path it answers, with GET only. */
  public static final String PATH = "/metrics";

  /** The action's name within Gatehouse's API. */
  public static final String ACTION = "GetMetrics";

  /** The Prometheus text format's content type (version 0.0.4, what every scraper reads). */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Authenticator authenticator;
  private final ApiRoute api;
  private final Supplier<String> scrape;

  /**
   * @param api Gatehouse's own API: its signing name, namespace, event source and authorizer
   * @param scrape the metrics in the Prometheus text format, read once the call is authorized
   */
  public MetricsCodec(Authenticator authenticator, ApiRoute api, Supplier<String> scrape) {
    this.authenticator = authenticator;
    this.api = api;
    this.scrape = scrape;
  }

  /** Whether {@code GET /metrics} is what the request asks. */
  public static boolean addresses(String method, String path) {
    return "GET".equals(method) && PATH.equals(path);
  }

  @Override
  public Call address(HttpRequestView request, Exchange exchange) {
    Authenticator.Attempt authentication = authenticator.attempt(request);
    exchange.identity = new AuditEvent.Identity.Unknown(authentication.claimedAccessKeyId());
    exchange.action = ACTION;
    return new Call(
        api.signingName(),
        api.eventSource(),
        ACTION,
        authentication,
        api.authorizer(),
        () ->
            new Bound(
                ACTION,
                true,
                (caller, gate) -> {
                  // spec: Gatehouse's own action; the registry has no resource, so "*".
                  gate.check(ACTION, new Target.Any(), Map.of());
                  return out -> {};
                }));
  }

  @Override
  public Reply success(Call call, Bound operation, Operation.Result result, Exchange exchange) {
    return new Reply(200, CONTENT_TYPE, scrape.get().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Reply failure(Optional<Call> call, GatehouseException error, Exchange exchange) {
    GatehouseException sent = refusal(error);
    return new Reply(
        sent.code().httpStatus(),
        QueryCodec.CONTENT_TYPE,
        QueryProtocol.errorEnvelope(
            api.namespace(), sent.code(), sent.getMessage(), exchange.requestId));
  }

  @Override
  public String recordedCode(GatehouseException error) {
    return refusal(error).code().awsCode();
  }

  /** Reading the metrics changes nothing: its record need not be on disk before the answer. */
  @Override
  public boolean readOnly(Call call, Bound operation) {
    return true;
  }

  @Override
  public GatehouseException internalFailure(Optional<Call> call) {
    return new GatehouseException(
        ErrorCode.INTERNAL_FAILURE, "We encountered an internal error. Please try again.");
  }

  /** An unsigned request is refused as AccessDenied, saying what would be let in. */
  private static GatehouseException refusal(GatehouseException error) {
    if (error.code() != ErrorCode.MISSING_AUTHENTICATION_TOKEN) {
      return error;
    }
    return new GatehouseException(
        ErrorCode.ACCESS_DENIED,
        "GET /metrics needs a request signed with SigV4 by a principal allowed gatehouse:"
            + ACTION
            + " on resource *.");
  }
}
