package dev.gatehouse.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline learns about one request, filled in as it goes, and the audit record it makes
 * of it. Where the call came from is fixed at the start; the rest is known once the request named
 * its API and action and authentication got as far as it did.
 */
public final class Exchange {
  final String requestId = RequestIds.next();
  final Instant time;
  final String sourceIp;
  final boolean secure;
  final String userAgent;

  /** Condition keys the caller's sign-in carries (the console's MFA facts); empty over HTTP. */
  final Map<String, List<String>> contextKeys;

  String eventSource;
  String action = "";
  AuditEvent.Parameters parameters =
      AuditEvent.Parameters.json(JsonNodeFactory.instance.objectNode());
  AuditEvent.Identity identity = new AuditEvent.Identity.Unknown("");
  boolean readOnly;
  String region = "us-east-1";
  String recipientAccountId = "";
  List<AuditResource> resources = List.of();
  boolean dataEvent;

  /** The request id every answer and audit record carries. */
  public String requestId() {
    return requestId;
  }

  /** When the request arrived. */
  public Instant time() {
    return time;
  }

  /**
   * @param eventSource the record's eventSource until the request names its API
   */
  public Exchange(
      Instant time,
      String sourceIp,
      boolean secure,
      String userAgent,
      Map<String, List<String>> contextKeys,
      String eventSource) {
    this.time = Objects.requireNonNull(time);
    this.sourceIp = Objects.requireNonNull(sourceIp);
    this.secure = secure;
    this.userAgent = Objects.requireNonNull(userAgent);
    this.contextKeys = Map.copyOf(contextKeys);
    this.eventSource = Objects.requireNonNull(eventSource);
  }

  /** An exchange for a request that came over HTTP. */
  public static Exchange of(HttpRequestView request, Instant time, String eventSource) {
    return new Exchange(
        time,
        request.sourceIp(),
        request.secure(),
        request.header("User-Agent"),
        Map.of(),
        eventSource);
  }

  /**
   * What a REST protocol (S3) tells the record about its request, once it has parsed it: the
   * request's parameters, the resources it acts on, and whether it is a data event (object
   * operations) rather than a management event.
   */
  public void describe(ObjectNode requestParameters, List<AuditResource> resources, boolean data) {
    this.parameters = AuditEvent.Parameters.json(requestParameters.deepCopy());
    this.resources = List.copyOf(resources);
    this.dataEvent = data;
  }

  /** The account that receives the record when the request names one (the bucket's owner). */
  public void recipient(String accountId) {
    this.recipientAccountId = Objects.requireNonNull(accountId);
  }

  AuditEvent event(ObjectNode responseElements, AuditEvent.Failure failure) {
    return new AuditEvent(
        time,
        requestId,
        eventSource,
        action,
        region,
        sourceIp,
        userAgent,
        identity,
        parameters,
        responseElements,
        failure,
        readOnly,
        recipientAccountId,
        resources,
        dataEvent);
  }
}
