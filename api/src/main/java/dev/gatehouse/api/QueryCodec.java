package dev.gatehouse.api;

import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AWS Query protocol (IAM, STS, Gatehouse's own API on one endpoint): parameters in the form
 * body or the query string, the API chosen by the credential scope's service or the {@code
 * Version}, answers as {@code <ActionResponse><ActionResult>}, errors in the {@code ErrorResponse}
 * envelope.
 */
public final class QueryCodec implements Codec<HttpRequestView, Reply> {
  static final String CONTENT_TYPE = "text/xml";

  private final Authenticator authenticator;
  private final Routed iam;
  private final List<Routed> others;

  /** An API of the endpoint and the authorizer of its actions. */
  private record Routed(QueryApi api, Authorizer authorizer) {}

  /**
   * @param iam the API a request reaches when it names no other
   * @param others APIs served next to IAM (STS, Gatehouse's own), chosen by signing service or
   *     Version
   */
  public QueryCodec(
      Authenticator authenticator, QueryApi iam, Authorizer iamAuthorizer, List<ApiRoute> others) {
    this.authenticator = authenticator;
    this.iam = new Routed(iam, iamAuthorizer);
    List<Routed> routed = new ArrayList<>();
    for (ApiRoute route : others) {
      routed.add(new Routed(route.api(), route.authorizer()));
    }
    this.others = List.copyOf(routed);
  }

  /** CloudTrail's eventSource of a request that names no API: IAM's, the endpoint's own. */
  public String defaultEventSource() {
    return iam.api().eventSource();
  }

  @Override
  public Call address(HttpRequestView request, Exchange exchange) {
    Authenticator.Attempt authentication = authenticator.attempt(request);
    exchange.identity = new AuditEvent.Identity.Unknown(authentication.claimedAccessKeyId());
    QueryParameters params = QueryProtocol.parameters(request);
    exchange.parameters = AuditEvent.Parameters.query(params);
    exchange.action = params.get("Action").orElse("");
    Routed route = route(params, authentication.claimedService());
    QueryApi api = route.api();
    return new Call(
        api.signingName(),
        api.eventSource(),
        exchange.action,
        authentication,
        route.authorizer(),
        () -> bound(api.operation(params), params),
        api.servesUnsigned(params));
  }

  static Bound bound(Operation<?, ?> operation, QueryParameters params) {
    return new Bound(
        operation.name(),
        operation.hasResult(),
        (caller, gate) -> operation.run(params, caller, gate));
  }

  /**
   * The API a request is for: the one whose signing service the credential scope names, else the
   * one whose Version the request gives, else IAM (spec: AWS-FACTS 1.5; IAM and STS share the
   * endpoint here).
   */
  private Routed route(QueryParameters params, String service) {
    for (Routed r : others) {
      if (r.api().signingName().equals(service)) {
        return r;
      }
    }
    String version = params.get("Version").orElse("");
    for (Routed r : others) {
      if (r.api().version().equals(version)) {
        return r;
      }
    }
    return iam;
  }

  private QueryApi api(String signingName) {
    for (Routed r : others) {
      if (r.api().signingName().equals(signingName)) {
        return r.api();
      }
    }
    return iam.api();
  }

  @Override
  public Reply success(Call call, Bound operation, Operation.Result result, Exchange exchange) {
    QueryApi api = api(call.signingName());
    XmlWriter xml = new XmlWriter();
    xml.root(operation.name() + "Response", api.namespace());
    if (operation.hasResult()) {
      xml.start(operation.name() + "Result");
      result.writeTo(xml);
      xml.end();
    }
    xml.start("ResponseMetadata").field("RequestId", exchange.requestId).end();
    return new Reply(200, CONTENT_TYPE, xml.finish());
  }

  @Override
  public Reply failure(Optional<Call> call, GatehouseException error, Exchange exchange) {
    QueryApi api = call.map(c -> api(c.signingName())).orElse(iam.api());
    return new Reply(
        error.code().httpStatus(),
        CONTENT_TYPE,
        QueryProtocol.errorEnvelope(
            api.namespace(), error.code(), error.getMessage(), exchange.requestId));
  }

  @Override
  public GatehouseException internalFailure(Optional<Call> call) {
    return new GatehouseException(
        ErrorCode.INTERNAL_FAILURE, "We encountered an internal error. Please try again.");
  }
}
