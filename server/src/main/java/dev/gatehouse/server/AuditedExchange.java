package dev.gatehouse.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What a pipeline learns about one request, filled in as it goes, and the audit record it makes of
 * it. Each pipeline adds what its protocol knows (the Query or JSON parameters, the API).
 */
class AuditedExchange {
  final String requestId = RequestIds.next();
  final Instant time;
  String action = "";
  AuditEvent.Identity identity = new AuditEvent.Identity.Unknown("");
  boolean readOnly;
  String region = "us-east-1";
  String recipientAccountId = "";
  HttpRequestView request; // null until the request is read

  AuditedExchange(Instant time) {
    this.time = time;
  }

  AuditEvent event(
      String eventSource,
      AuditEvent.Parameters parameters,
      ObjectNode responseElements,
      AuditEvent.Failure failure) {
    return new AuditEvent(
        time,
        requestId,
        eventSource,
        action,
        region,
        request == null ? "" : request.sourceIp(),
        request == null ? "" : request.header("User-Agent"),
        identity,
        parameters,
        responseElements,
        failure,
        readOnly,
        recipientAccountId);
  }
}
