package dev.gatehouse.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authz.Principal;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Appends one CloudTrail-format JSON line per request to {@code DATA_DIR/audit/YYYY-MM-DD.jsonl}
 * (UTC days). A record is handed to the operating system before the response leaves; records of
 * calls that change state are also forced to disk, as the change itself is. A failing write is
 * thrown to the caller, which fails the request (fail closed).
 */
final class AuditLog implements Closeable {
  /** spec: CloudTrail record contents; 1.08 is the version of IAM management events. */
  static final String EVENT_VERSION = "1.08";

  private final Path directory;
  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = mapper.getFactory();
  private FileChannel channel;
  private LocalDate day;

  AuditLog(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  /**
   * Writes the event; forces it to disk when {@code durable}. Rendering and the fsync happen
   * outside the lock, so concurrent requests share one fsync and never wait on each other's JSON.
   */
  void append(AuditEvent event, boolean durable) throws IOException {
    byte[] line = render(event);
    FileChannel out;
    synchronized (this) {
      out = channelFor(event.eventTime().atZone(ZoneOffset.UTC).toLocalDate());
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
    if (durable) {
      try {
        out.force(false);
      } catch (java.nio.channels.ClosedChannelException e) {
        // The day rolled over meanwhile; rotation forced the old file before closing it.
      }
    }
  }

  private FileChannel channelFor(LocalDate date) throws IOException {
    if (channel == null || !date.equals(day)) {
      if (channel != null) {
        channel.force(false);
        channel.close();
      }
      channel =
          FileChannel.open(
              directory.resolve(date + ".jsonl"),
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
      day = date;
    }
    return channel;
  }

  byte[] render(AuditEvent e) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = factory.createGenerator(bytes)) {
      g.setCodec(mapper);
      g.writeStartObject();
      g.writeStringField("eventVersion", EVENT_VERSION);
      g.writeObjectFieldStart("userIdentity");
      // Java 17: no type patterns in switch; the two cases are the sealed interface's permits.
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
      g.writeTree(e.requestParameters());
      g.writeFieldName("responseElements");
      if (e.responseElements().isEmpty()) {
        g.writeNull();
      } else {
        g.writeTree(e.responseElements());
      }
      g.writeStringField("requestID", e.requestId());
      g.writeStringField("eventID", RequestIds.next());
      g.writeBooleanField("readOnly", e.readOnly());
      g.writeStringField("eventType", "AwsApiCall");
      g.writeBooleanField("managementEvent", true);
      g.writeStringField("recipientAccountId", e.recipientAccountId());
      g.writeStringField("eventCategory", "Management");
      g.writeEndObject();
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
