package dev.gatehouse.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one CloudTrail-format JSON line per request to {@code DATA_DIR/audit/YYYY-MM-DD.jsonl}
 * (UTC days). A record is handed to the operating system before the response leaves; records of
 * calls that change state are also forced to disk, as the change itself is. A failing write is
 * thrown to the caller, which fails the request (fail closed).
 */
final class AuditLog implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  /** spec: CloudTrail record contents; 1.08 is the version of IAM management events. */
  static final String EVENT_VERSION = "1.08";

  private final Path directory;
  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = mapper.getFactory();
  private volatile DayFile current;

  /**
   * The file of one UTC day, opened for appending, with its group commit: {@code written} counts
   * the lines whose write returned; {@code forced} (guarded by the DayFile) is the count the last
   * fsync covered. An fsync covers every line written before it began, so a thread that waited for
   * another's fsync usually finds its line covered and needs none of its own (one fsync costs
   * milliseconds on common disks; concurrent state-changing calls share it).
   */
  static final class DayFile {
    final LocalDate day;
    final FileOutputStream out;
    final AtomicLong written = new AtomicLong();
    long forced;

    DayFile(LocalDate day, FileOutputStream out) {
      this.day = day;
      this.out = out;
    }
  }

  AuditLog(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  /**
   * Writes the event; forces it to disk when {@code durable}. The line goes out in one {@code
   * write} to a file opened with {@code O_APPEND}, which the kernel appends atomically, so
   * concurrent requests take no lock to write (a lock on every request queues them behind a
   * descheduled holder on a small machine). Rendering happens before, and the fsync after, the
   * write; only durable appends wait for the group commit.
   */
  /**
   * Records a request before its response: forced to disk for a successful call that is not
   * read-only. Fails closed: a record that cannot be written fails the request (ServiceFailure).
   */
  void record(AuditEvent event) {
    try {
      append(event, !event.readOnly() && event.failure() instanceof AuditEvent.Failure.None);
    } catch (IOException e) {
      LOG.error("audit write failed for request {}", event.requestId(), e);
      throw new GatehouseException(
          ErrorCode.SERVICE_FAILURE,
          "The request was not processed because it could not be recorded.");
    }
  }

  void append(AuditEvent event, boolean durable) throws IOException {
    byte[] line = render(event);
    appendTo(fileFor(LocalDate.ofInstant(event.eventTime(), ZoneOffset.UTC)), line, durable);
  }

  void appendTo(DayFile file, byte[] line, boolean durable) throws IOException {
    try {
      file.out.write(line);
    } catch (IOException e) {
      if (rolledOver(file)) {
        // The day rolled over before this thread wrote: the old file was closed.
        appendToPastDay(file.day, line, durable);
        return;
      }
      throw e;
    }
    long ticket = file.written.incrementAndGet();
    if (durable) {
      forced(file, ticket);
    }
  }

  /** Forces line {@code ticket}, also when a rollover closed the file since it was written. */
  void forced(DayFile file, long ticket) throws IOException {
    try {
      force(file, ticket);
    } catch (IOException e) {
      if (rolledOver(file)) {
        // Closed by the rollover, maybe before this line reached the disk: force it by path.
        appendToPastDay(file.day, new byte[0], true);
        return;
      }
      throw e;
    }
  }

  /** Returns once line number {@code ticket} of the file is on disk. */
  private static void force(DayFile file, long ticket) throws IOException {
    synchronized (file) {
      if (file.forced >= ticket) {
        return;
      }
      long covered = file.written.get();
      file.out.getFD().sync();
      file.forced = covered;
    }
  }

  private boolean rolledOver(DayFile file) throws IOException {
    return !file.out.getFD().valid() && !file.day.equals(date(current));
  }

  /** Appends to (and forces) the file of a day that is no longer the current one. */
  private void appendToPastDay(LocalDate day, byte[] line, boolean durable) throws IOException {
    try (FileOutputStream out = new FileOutputStream(path(day).toFile(), /* append= */ true)) {
      out.write(line);
      if (durable) {
        out.getFD().sync();
      }
    }
  }

  private Path path(LocalDate day) {
    return directory.resolve(day + ".jsonl");
  }

  private static LocalDate date(DayFile file) {
    return file == null ? LocalDate.MIN : file.day;
  }

  DayFile fileFor(LocalDate date) throws IOException {
    DayFile file = current;
    if (file != null && file.day.equals(date)) {
      return file;
    }
    synchronized (this) {
      file = current;
      if (file == null || !file.day.equals(date)) {
        DayFile next =
            new DayFile(date, new FileOutputStream(path(date).toFile(), /* append= */ true));
        current = next;
        if (file != null) {
          file.out.getFD().sync();
          file.out.close();
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
      e.requestParameters().write(g);
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
      file.out.close();
      current = null;
    }
  }
}
