package dev.gatehouse.api;

import dev.gatehouse.core.authz.Authorizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Query API served next to IAM on the same endpoint, with the authorizer of its actions. Requests
 * reach it by their signing service or their {@code Version} (AWS-FACTS 1.5).
 */
public record ApiRoute(
    String signingName,
    String version,
    String namespace,
    String eventSource,
    List<Operation<?, ?>> operations,
    Authorizer authorizer) {
  public ApiRoute {
    Objects.requireNonNull(signingName);
    Objects.requireNonNull(version);
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(eventSource);
    operations = List.copyOf(operations);
    Objects.requireNonNull(authorizer);
  }

  /** This route with {@code more} operations added to its table, under {@code authorizer}. */
  public ApiRoute with(List<? extends Operation<?, ?>> more, Authorizer authorizer) {
    List<Operation<?, ?>> all = new ArrayList<>(operations);
    all.addAll(more);
    return new ApiRoute(signingName, version, namespace, eventSource, all, authorizer);
  }

  public QueryApi api() {
    return QueryApi.of(signingName, version, namespace, eventSource, operations);
  }
}
