package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authz.Principal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The audit record's encoding as it was before {@link AuditLine}: a fresh Jackson generator per
 * record writing every field by name. Kept only as the reference the new encoding must match byte
 * for byte ({@link AuditLineTest}).
 */
final class ReferenceAuditRender {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReferenceAuditRender() {}

  static byte[] render(AuditEvent e, String eventId) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    ObjectMapper json = MAPPER;
    try (JsonGenerator g = json.getFactory().createGenerator(bytes)) {
      g.setCodec(json);
      g.writeStartObject();
      g.writeStringField("eventVersion", AuditLog.EVENT_VERSION);
      g.writeObjectFieldStart("userIdentity");
      // Java 17: no type patterns in switch; the cases are the sealed interface's permits.
      if (e.identity() instanceof AuditEvent.Identity.Unknown u) {
        g.writeStringField("type", "Unknown");
        if (!u.claimedAccessKeyId().isEmpty()) {
          g.writeStringField("accessKeyId", u.claimedAccessKeyId());
        }
      } else if (e.identity() instanceof AuditEvent.Identity.Known k) {
        Principal p = k.principal();
        g.writeStringField("type", p.trailType());
        g.writeStringField("principalId", p.principalId());
        g.writeStringField("arn", p.arn());
        g.writeStringField("accountId", p.accountId());
        g.writeStringField("accessKeyId", k.accessKeyId());
        if (p instanceof Principal.User user) {
          g.writeStringField("userName", user.userName());
        }
      } else if (e.identity() instanceof AuditEvent.Identity.Federated f) {
        g.writeStringField("type", f.caller().type());
        g.writeStringField("principalId", f.caller().principalId());
        g.writeStringField("userName", f.caller().userName());
        g.writeStringField("identityProvider", f.caller().identityProvider());
      }
      boolean service = e.identity() instanceof AuditEvent.Identity.Service;
      if (e.identity() instanceof AuditEvent.Identity.Service s) {
        g.writeStringField("type", "AWSService");
        g.writeStringField("accountId", s.accountId());
        g.writeStringField("invokedBy", e.eventSource());
      }
      g.writeEndObject();
      g.writeStringField("eventTime", XmlWriter.iso(e.eventTime()));
      g.writeStringField("eventSource", e.eventSource());
      g.writeStringField("eventName", e.eventName());
      g.writeStringField("awsRegion", e.region());
      g.writeStringField("sourceIPAddress", e.sourceIp());
      g.writeStringField("userAgent", e.userAgent());
      var error = e.failure().error();
      if (error.isPresent()) {
        g.writeStringField("errorCode", error.get().code());
        g.writeStringField("errorMessage", error.get().message());
      }
      g.writeFieldName("requestParameters");
      e.requestParameters().write(g);
      g.writeFieldName("responseElements");
      if (service) {
        g.writeNull();
        g.writeFieldName("serviceEventDetails");
        g.writeTree(e.responseElements());
      } else if (e.responseElements().isEmpty()) {
        g.writeNull();
      } else {
        g.writeTree(e.responseElements());
      }
      g.writeStringField("requestID", e.requestId());
      g.writeStringField("eventID", eventId);
      g.writeBooleanField("readOnly", e.readOnly());
      g.writeStringField("eventType", service ? "AwsServiceEvent" : "AwsApiCall");
      if (!e.resources().isEmpty()) {
        g.writeArrayFieldStart("resources");
        for (AuditResource r : e.resources()) {
          g.writeStartObject();
          g.writeStringField("type", r.type());
          g.writeStringField("ARN", r.arn());
          if (!r.accountId().isEmpty()) {
            g.writeStringField("accountId", r.accountId());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeBooleanField("managementEvent", !e.dataEvent());
      g.writeStringField("recipientAccountId", e.recipientAccountId());
      g.writeStringField("eventCategory", e.dataEvent() ? "Data" : "Management");
      g.writeEndObject();
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /** The linked line as the chain made it: the hash field inserted before the closing brace. */
  static byte[] link(byte[] line, String previous) {
    String field = ",\"" + AuditChain.FIELD + "\":\"" + previous + "\"}\n";
    byte[] tail = field.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int end = line.length - 2; // the closing brace, before the newline
    if (end < 1 || line[end] != '}' || line[end + 1] != '\n') {
      throw new IllegalArgumentException("an audit line is one JSON object and a newline");
    }
    byte[] out = java.util.Arrays.copyOf(line, end + tail.length);
    System.arraycopy(tail, 0, out, end, tail.length);
    return out;
  }
}
