package dev.gatehouse.api;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One AWS Query API (IAM 2010-05-08; STS 2011-06-15 later): its names and its action table.
 *
 * @param signingName the SigV4 service name and IAM action prefix ({@code iam})
 * @param version the API version clients send
 * @param namespace the XML namespace of responses and errors
 * @param eventSource CloudTrail's eventSource ({@code iam.amazonaws.com})
 */
public record QueryApi(
    String signingName,
    String version,
    String namespace,
    String eventSource,
    Map<String, Operation<?, ?>> operations) {

  public QueryApi {
    Objects.requireNonNull(signingName);
    Objects.requireNonNull(version);
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(eventSource);
    operations = Map.copyOf(operations);
  }

  public static QueryApi of(
      String signingName,
      String version,
      String namespace,
      String eventSource,
      List<Operation<?, ?>> table) {
    Map<String, Operation<?, ?>> byName = new HashMap<>();
    for (Operation<?, ?> operation : table) {
      if (byName.put(operation.name(), operation) != null) {
        throw new IllegalArgumentException("action listed twice: " + operation.name());
      }
    }
    return new QueryApi(signingName, version, namespace, eventSource, byName);
  }

  /** Whether the action a request names is served to unsigned requests (AWS's federation calls). */
  public boolean servesUnsigned(QueryParameters params) {
    Operation<?, ?> operation = operations.get(params.get("Action").orElse(""));
    return operation != null && operation.servedUnsigned();
  }

  /** The action names this API serves. */
  public Set<String> actions() {
    return operations.keySet();
  }

  /**
   * The operation a request asks for.
   *
   * <p>spec: Query API common errors: MissingAction when {@code Action} is absent, InvalidAction
   * for an action the service does not have (or not in the requested version).
   */
  Operation<?, ?> operation(QueryParameters params) {
    String action = params.get("Action").orElse("");
    if (action.isEmpty()) {
      throw new GatehouseException(ErrorCode.MISSING_ACTION, "Missing Action");
    }
    String requested = params.get("Version").orElse(version);
    Operation<?, ?> operation = operations.get(action);
    if (operation == null || !requested.equals(version)) {
      throw new GatehouseException(
          ErrorCode.INVALID_ACTION,
          "Could not find operation " + action + " for version " + requested);
    }
    return operation;
  }
}
