package dev.gatehouse.api;

import dev.gatehouse.core.authz.Authorizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One AWS JSON 1.1 API on the endpoint (AWS Organizations): requests name it by the prefix of their
 * {@code X-Amz-Target} header, {@code PREFIX.Action}.
 *
 * @param signingName the SigV4 service name and action prefix ({@code organizations})
 * @param targetPrefix the target prefix ({@code AWSOrganizationsV20161128})
 * @param eventSource CloudTrail's eventSource ({@code organizations.amazonaws.com})
 * @param authenticator SigV4 authentication accepting this API's signing service
 * @param authorizer the authorizer of this API's actions
 * @param internalFailureMessage what the service says of an unexpected failure, in its words
 */
public record JsonApi(
    String signingName,
    String targetPrefix,
    String eventSource,
    Map<String, JsonOperation<?, ?>> operations,
    Authenticator authenticator,
    Authorizer authorizer,
    String internalFailureMessage) {
  public JsonApi {
    Objects.requireNonNull(signingName);
    Objects.requireNonNull(targetPrefix);
    Objects.requireNonNull(eventSource);
    operations = Map.copyOf(operations);
    Objects.requireNonNull(authenticator);
    Objects.requireNonNull(authorizer);
    Objects.requireNonNull(internalFailureMessage);
  }

  public static JsonApi of(
      String signingName,
      String targetPrefix,
      String eventSource,
      List<JsonOperation<?, ?>> table,
      Authenticator authenticator,
      Authorizer authorizer,
      String internalFailureMessage) {
    Map<String, JsonOperation<?, ?>> byName = new HashMap<>();
    for (JsonOperation<?, ?> operation : table) {
      if (byName.put(operation.name(), operation) != null) {
        throw new IllegalArgumentException("action listed twice: " + operation.name());
      }
    }
    return new JsonApi(
        signingName,
        targetPrefix,
        eventSource,
        byName,
        authenticator,
        authorizer,
        internalFailureMessage);
  }

  Optional<JsonOperation<?, ?>> operation(String action) {
    return Optional.ofNullable(operations.get(action));
  }
}
