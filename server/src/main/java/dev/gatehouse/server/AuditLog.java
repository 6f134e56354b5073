package dev.gatehouse.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authz.Principal;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private volatile DayFile current;

  /** The file of one UTC day, opened for appending. */
  private record DayFile(LocalDate day, FileOutputStream out) {}

  AuditLog(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  /**
   * Writes the event; forces it to disk when {@code durable}. The line goes out in one {@code
   * write} to a file opened with {@code O_APPEND}, which the kernel appends atomically, so
   * concurrent requests take no lock here (a lock on every request queues them behind a descheduled
   * holder on a small machine). Rendering happens before, and the fsync after, the write.
   */
  void append(AuditEvent event, boolean durable) throws IOException {
    byte[] line = render(event);
    DayFile file = fileFor(LocalDate.ofInstant(event.eventTime(), ZoneOffset.UTC));
    try {
      file.out().write(line);
      if (durable) {
        file.out().getFD().sync();
      }
    } catch (IOException e) {
      if (!file.out().getFD().valid() && !file.day().equals(date(current))) {
        // The day rolled over while this thread wrote: the old file was forced and closed.
        fileFor(file.day()).out().write(line);
        return;
      }
      throw e;
    }
  }

  private static LocalDate date(DayFile file) {
    return file == null ? LocalDate.MIN : file.day();
  }

  private DayFile fileFor(LocalDate date) throws IOException {
    DayFile file = current;
    if (file != null && file.day().equals(date)) {
      return file;
    }
    synchronized (this) {
      file = current;
      if (file == null || !file.day().equals(date)) {
        DayFile next =
            new DayFile(
                date,
                new FileOutputStream(
                    directory.resolve(date + ".jsonl").toFile(), /* append= */ true));
        current = next;
        if (file != null) {
          file.out().getFD().sync();
          file.out().close();
        }
        file = next;
      }
      return file;
    }
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
      AuditParameters.write(g, e.requestParameters());
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
    DayFile file = current;
    if (file != null) {
      file.out().close();
      current = null;
    }
  }
}
