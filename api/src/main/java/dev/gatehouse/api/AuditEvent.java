package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.sts.FederatedCaller;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as CloudTrail would record it. Built by the pipeline, written by {@link AuditLog}.
 *
 * <p>spec: CloudTrail User Guide, "CloudTrail record contents for management events".
 */
record AuditEvent(
    Instant eventTime,
    String requestId,
    String eventSource,
    String eventName,
    String region,
    String sourceIp,
    String userAgent,
    Identity identity,
    Parameters requestParameters,
    ObjectNode responseElements,
    Failure failure,
    boolean readOnly,
    String recipientAccountId,
    List<AuditResource> resources,
    boolean dataEvent) {

  AuditEvent {
    Objects.requireNonNull(eventTime);
    Objects.requireNonNull(requestId);
    Objects.requireNonNull(eventSource);
    Objects.requireNonNull(eventName);
    Objects.requireNonNull(identity);
    Objects.requireNonNull(requestParameters);
    Objects.requireNonNull(failure);
    resources = List.copyOf(resources);
  }

  /**
   * The request's parameters as the record shows them (secrets left out), written straight into the
   * record's JSON.
   */
  @FunctionalInterface
  interface Parameters {
    void write(JsonGenerator g) throws IOException;

    /** Query parameters, nested as CloudTrail nests them. */
    static Parameters query(QueryParameters params) {
      return g -> AuditParameters.write(g, params);
    }

    /** A JSON request's members, already redacted by its protocol. */
    static Parameters json(ObjectNode members) {
      return g -> g.writeTree(members);
    }
  }

  /** Who made the call, as far as authentication got. */
  sealed interface Identity {
    /** Authentication failed; the access key id is what the request claimed, if it got that far. */
    record Unknown(String claimedAccessKeyId) implements Identity {}

    record Known(Principal principal, String accessKeyId) implements Identity {}

    /** A caller an identity provider vouched for (AssumeRoleWithWebIdentity, ...WithSAML). */
    record Federated(FederatedCaller caller) implements Identity {}

    /**
     * Nobody called: the service acted itself (CloudTrail's {@code AwsServiceEvent}), in {@code
     * accountId}; the event's response elements are its {@code serviceEventDetails}.
     */
    record Service(String accountId) implements Identity {}
  }

  /** No failure, or AWS's error code and message. */
  sealed interface Failure {
    record None() implements Failure {}

    record Failed(String code, String message) implements Failure {}

    default Optional<Failed> error() {
      return this instanceof Failed e ? Optional.of(e) : Optional.empty();
    }
  }
}
