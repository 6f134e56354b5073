package dev.gatehouse.api;

import dev.gatehouse.core.Once;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One AWS Query API (IAM 2010-05-08; STS 2011-06-15 later): its names and its action table.
 *
 * <p>The table of a {@link #lazy} API is made by its first use (a request, {@link #actions}), not
 * when the server starts (IAM's, linking its lambdas, was tens of milliseconds of every start). A
 * table that cannot be made (an action listed twice) is not kept: every use fails with its cause.
 */
public final class QueryApi {
  private final String signingName;
  private final String version;
  private final String namespace;
  private final String eventSource;
  private final Once<Map<String, Operation<?, ?>>, RuntimeException> operations;

  /**
   * @param signingName the SigV4 service name and IAM action prefix ({@code iam})
   * @param version the API version clients send
   * @param namespace the XML namespace of responses and errors
   * @param eventSource CloudTrail's eventSource ({@code iam.amazonaws.com})
   */
  private QueryApi(
      String signingName,
      String version,
      String namespace,
      String eventSource,
      Supplier<List<Operation<?, ?>>> table) {
    this.signingName = Objects.requireNonNull(signingName);
    this.version = Objects.requireNonNull(version);
    this.namespace = Objects.requireNonNull(namespace);
    this.eventSource = Objects.requireNonNull(eventSource);
    Objects.requireNonNull(table);
    this.operations = new Once<>(() -> byName(table.get()));
  }

  /** An API whose table is {@code table}, checked now. */
  public static QueryApi of(
      String signingName,
      String version,
      String namespace,
      String eventSource,
      List<Operation<?, ?>> table) {
    List<Operation<?, ?>> copy = List.copyOf(table);
    QueryApi api = new QueryApi(signingName, version, namespace, eventSource, () -> copy);
    api.operations();
    return api;
  }

  /** An API whose table {@code table} makes on its first use. */
  public static QueryApi lazy(
      String signingName,
      String version,
      String namespace,
      String eventSource,
      Supplier<List<Operation<?, ?>>> table) {
    return new QueryApi(signingName, version, namespace, eventSource, table);
  }

  private static Map<String, Operation<?, ?>> byName(List<Operation<?, ?>> table) {
    Map<String, Operation<?, ?>> byName = new HashMap<>();
    for (Operation<?, ?> operation : table) {
      if (byName.put(operation.name(), operation) != null) {
        throw new IllegalArgumentException("action listed twice: " + operation.name());
      }
    }
    return Map.copyOf(byName);
  }

  /** The SigV4 service name and IAM action prefix ({@code iam}). */
  public String signingName() {
    return signingName;
  }

  /** The API version clients send. */
  public String version() {
    return version;
  }

  /** The XML namespace of responses and errors. */
  public String namespace() {
    return namespace;
  }

  /** CloudTrail's eventSource ({@code iam.amazonaws.com}). */
  public String eventSource() {
    return eventSource;
  }

  /** The operations by action name (the table, made now if it was not yet). */
  public Map<String, Operation<?, ?>> operations() {
    return operations.get();
  }

  /** Whether the action a request names is served to unsigned requests (AWS's federation calls). */
  public boolean servesUnsigned(QueryParameters params) {
    Operation<?, ?> operation = operations().get(params.get("Action").orElse(""));
    return operation != null && operation.servedUnsigned();
  }

  /** The action names this API serves. */
  public Set<String> actions() {
    return operations().keySet();
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
    Operation<?, ?> operation = operations().get(action);
    if (operation == null || !requested.equals(version)) {
      throw new GatehouseException(
          ErrorCode.INVALID_ACTION,
          "Could not find operation " + action + " for version " + requested);
    }
    return operation;
  }

  @Override
  public String toString() {
    return "QueryApi[" + signingName + " " + version + "]";
  }
}
