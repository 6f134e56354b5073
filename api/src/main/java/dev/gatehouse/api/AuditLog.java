package dev.gatehouse.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one CloudTrail-format JSON line per request to {@code DATA_DIR/audit/YYYY-MM-DD.jsonl}
 * (UTC days), each line chained to the one before by its hash ({@link AuditChain}); with a
 * retention, files older than it are deleted when a day's file opens ({@link AuditRetention}). A
 * record is handed to the operating system before the response leaves; records of calls that change
 * state or issue credentials are also forced to disk first. A failing write fails the request (fail
 * closed).
 *
 * <p>Forcing is a group commit done by one committer thread: a request writes its line, and its
 * record counts as written once an fsync that began after its write returns; every line written
 * while one fsync runs shares the next. {@link #recordLater} lets the HTTP pipeline send the
 * response when its record is on disk without holding a thread meanwhile ({@link #record} waits): a
 * request thread blocked per fsync cost more CPU in scheduling than the rest of an AssumeRole, and
 * waiting for more lines before an fsync measured slower than none.
 */
public final class AuditLog implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  /** spec: CloudTrail record contents; 1.08 is the version of IAM management events. */
  static final String EVENT_VERSION = "1.08";

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final Path directory;

  private volatile DayFile current;
  private volatile boolean closed;

  /** True while the committer has nothing to do and parks until a waiter unparks it. */
  private volatile boolean committerIdle;

  private final Thread committer;
  private final Syncer syncer;
  private final AuditChain chain;

  /** Days of files kept; 0 keeps every file. */
  private final int retentionDays;

  /** Forces a file descriptor to disk ({@link FileDescriptor#sync}; tests replace it). */
  @FunctionalInterface
  interface Syncer {
    void sync(FileDescriptor fd) throws IOException;
  }

  /** A line waiting to be on disk. */
  private record Waiter(long ticket, CompletableFuture<Void> done) {}

  /** Lines {@code after + 1} to {@code through} were in an fsync that failed. */
  private record SyncFailure(long after, long through, IOException cause) {
    boolean covers(long ticket) {
      return ticket > after && ticket <= through;
    }
  }

  /**
   * The file of one UTC day, opened for appending. {@code written} counts the lines whose write
   * returned (a line's ticket); {@code forced} is the count the last successful fsync covered (an
   * fsync covers every line written before it began).
   */
  static final class DayFile {
    final LocalDate day;
    final FileOutputStream out;
    final AtomicLong written = new AtomicLong();
    final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    volatile long forced;
    // INVARIANT: set under the DayFile's monitor before its last fsync and its close; the
    // committer syncs only under the same monitor and never a retired file, so it never syncs a
    // closed descriptor.
    volatile boolean retired;
    volatile SyncFailure failure; // null until an fsync fails

    DayFile(LocalDate day, FileOutputStream out) {
      this.day = day;
      this.out = out;
    }

    /** Forces every line written so far, unless retired. */
    synchronized void sync(Syncer syncer) throws IOException {
      if (retired) {
        return;
      }
      long covered = written.get();
      try {
        syncer.sync(out.getFD());
      } catch (IOException | RuntimeException e) {
        // Whatever went wrong, the lines it covered are not known to be on disk: they fail.
        IOException cause = e instanceof IOException io ? io : new IOException(e);
        failure = new SyncFailure(forced, covered, cause);
        throw cause;
      }
      forced = Math.max(forced, covered);
    }

    /** Completes the waiters whose lines the last fsync covered, or failed. */
    void release() {
      long covered = forced;
      SyncFailure failed = failure;
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (failed != null && failed.covers(w.ticket())) {
          it.remove();
          w.done().completeExceptionally(failed.cause());
        } else if (w.ticket() <= covered) {
          it.remove();
          w.done().complete(null);
        }
      }
    }
  }

  public AuditLog(Path directory) throws IOException {
    this(directory, 0);
  }

  /**
   * @param retentionDays days of daily files kept (today's and the ones before), older ones deleted
   *     when a day's file opens; 0 keeps every file
   */
  public AuditLog(Path directory, int retentionDays) throws IOException {
    this(directory, FileDescriptor::sync, retentionDays);
  }

  AuditLog(Path directory, Syncer syncer) throws IOException {
    this(directory, syncer, 0);
  }

  AuditLog(Path directory, Syncer syncer, int retentionDays) throws IOException {
    if (retentionDays < 0) {
      throw new IllegalArgumentException("audit retention days must be 0 (keep all) or more");
    }
    this.directory = Files.createDirectories(directory);
    this.syncer = syncer;
    this.retentionDays = retentionDays;
    this.chain = AuditChain.recover(this.directory);
    this.committer = new Thread(this::commitLoop, "gatehouse-audit-commit");
    committer.setDaemon(true);
    committer.start();
  }

  /**
   * Records a request before its response: forced to disk for a successful call that is not
   * read-only. Fails closed: a record that cannot be written fails the request (ServiceFailure).
   */
  void record(AuditEvent event) {
    try {
      recordLater(event).join();
    } catch (CompletionException e) {
      throw (GatehouseException) e.getCause();
    }
  }

  /**
   * Records what the service did by itself, with no caller (CloudTrail's {@code AwsServiceEvent}),
   * such as an access grant's expiry: forced to disk like a write.
   *
   * @param details the event's {@code serviceEventDetails}
   * @throws GatehouseException ServiceFailure when the record cannot be written
   */
  public void recordServiceEvent(
      String eventSource,
      String eventName,
      String accountId,
      Instant at,
      ObjectNode details,
      List<AuditResource> resources) {
    record(
        new AuditEvent(
            at,
            RequestIds.next(),
            eventSource,
            eventName,
            "us-east-1",
            eventSource,
            eventSource,
            new AuditEvent.Identity.Service(accountId),
            generator -> generator.writeNull(),
            details,
            new AuditEvent.Failure.None(),
            false,
            accountId,
            resources,
            false));
  }

  /**
   * Records a request; the future completes once the record is written (and, for a successful call
   * that is not read-only, on disk), or fails with ServiceFailure. Its dependents may run on the
   * committer thread, so they must not block.
   */
  CompletableFuture<Void> recordLater(AuditEvent event) {
    CompletableFuture<Void> written;
    try {
      written =
          appendLater(
              event, !event.readOnly() && event.failure() instanceof AuditEvent.Failure.None);
    } catch (IOException e) {
      written = CompletableFuture.failedFuture(e);
    }
    if (written == DONE) {
      return written;
    }
    return written.exceptionallyCompose(
        e -> {
          LOG.error("audit write failed for request {}", event.requestId(), e);
          return CompletableFuture.failedFuture(
              new GatehouseException(
                  ErrorCode.SERVICE_FAILURE,
                  "The request was not processed because it could not be recorded."));
        });
  }

  /** Writes the event and returns once it is on disk when {@code durable}. */
  void append(AuditEvent event, boolean durable) throws IOException {
    await(appendLater(event, durable));
  }

  /**
   * Writes the event. It is rendered outside any lock ({@link AuditLine}); the chain's lock is held
   * only to put the previous line's hash in place, {@code write} the line in one call to a file
   * opened with {@code O_APPEND}, and hash it.
   */
  CompletableFuture<Void> appendLater(AuditEvent event, boolean durable) throws IOException {
    AuditLine line = AuditLine.render(event, RequestIds.next());
    LocalDate day = LocalDate.ofInstant(event.eventTime(), ZoneOffset.UTC);
    // In chain order: a late record of yesterday goes to today's open file, never back.
    return chain.append(
        line,
        (bytes, length) -> {
          DayFile open = current;
          return writeLater(
              fileFor(open != null && open.day.isAfter(day) ? open.day : day),
              bytes,
              length,
              durable);
        });
  }

  void appendTo(DayFile file, byte[] line, boolean durable) throws IOException {
    await(writeLater(file, line, line.length, durable));
  }

  /** Writes the first {@code length} bytes of {@code line}, a whole line. */
  private CompletableFuture<Void> writeLater(DayFile file, byte[] line, int length, boolean durable)
      throws IOException {
    try {
      file.out.write(line, 0, length);
    } catch (IOException e) {
      if (file.retired) {
        // The day rolled over (or the log closed) before this thread wrote.
        appendToPastDay(file.day, line, length, durable);
        return DONE;
      }
      throw e;
    }
    long ticket = file.written.incrementAndGet();
    return durable ? forcedLater(file, ticket) : DONE;
  }

  /** Waits for line {@code ticket} of the file to be on disk. */
  void forced(DayFile file, long ticket) throws IOException {
    await(forcedLater(file, ticket));
  }

  /** Completes once line {@code ticket} of the file is on disk; fails if its fsync failed. */
  private CompletableFuture<Void> forcedLater(DayFile file, long ticket) throws IOException {
    if (file.forced >= ticket) {
      return DONE;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    file.waiters.add(new Waiter(ticket, done));
    if (file.retired || closed) {
      // Retired before an fsync covered this line (written just before the close), or the
      // committer is gone: force the day's file by path.
      forceRetired(file);
    } else if (committerIdle) {
      LockSupport.unpark(committer);
    }
    return done;
  }

  /** Forces a retired file's remaining lines by path and completes its waiters. */
  private void forceRetired(DayFile file) throws IOException {
    if (file.waiters.isEmpty()) {
      return;
    }
    appendToPastDay(file.day, new byte[0], 0, true);
    for (Waiter w; (w = file.waiters.poll()) != null; ) {
      w.done().complete(null);
    }
  }

  private static void await(CompletableFuture<Void> done) throws IOException {
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  private void commitLoop() {
    while (!closed) {
      DayFile file = current;
      if (file == null || file.waiters.isEmpty()) {
        committerIdle = true;
        // With the waiter's add-then-read of committerIdle, one of the two sees the other.
        file = current;
        if (!closed && (file == null || file.waiters.isEmpty())) {
          LockSupport.park(this);
        }
        committerIdle = false;
        continue;
      }
      try {
        file.sync(syncer);
      } catch (IOException e) {
        LOG.error("audit log fsync failed; the requests it covered fail", e);
      }
      file.release();
    }
  }

  /** Forces and closes a file; later writes fail and go to the day's file by path. */
  private void retire(DayFile file) throws IOException {
    try {
      synchronized (file) {
        try {
          file.sync(syncer);
        } finally {
          file.retired = true;
          file.out.close();
        }
      }
    } finally {
      file.release();
      forceRetired(file);
    }
  }

  /** Appends to (and forces) the file of a day by path, once its open file is retired. */
  private void appendToPastDay(LocalDate day, byte[] line, int length, boolean durable)
      throws IOException {
    try (FileOutputStream out = new FileOutputStream(path(day).toFile(), /* append= */ true)) {
      out.write(line, 0, length);
      if (durable) {
        syncer.sync(out.getFD());
      }
    }
  }

  private Path path(LocalDate day) {
    return directory.resolve(day + ".jsonl");
  }

  DayFile fileFor(LocalDate date) throws IOException {
    DayFile file = current;
    if (file != null && file.day.equals(date)) {
      return file;
    }
    synchronized (this) {
      file = current;
      if (file == null || !file.day.equals(date)) {
        if (retentionDays > 0) {
          AuditRetention.apply(directory, retentionDays, date);
        }
        DayFile next =
            new DayFile(date, new FileOutputStream(path(date).toFile(), /* append= */ true));
        current = next;
        if (file != null) {
          retire(file);
        }
        file = next;
      }
      return file;
    }
  }

  /**
   * Why the log cannot take records now, or empty when it can: closed, its directory not writable,
   * or the last fsync of today's file failed (readiness).
   */
  public java.util.Optional<String> unusable() {
    if (closed) {
      return java.util.Optional.of("the audit log is closed");
    }
    if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
      return java.util.Optional.of("the audit directory " + directory + " is not writable");
    }
    DayFile file = current;
    if (file != null && file.failure != null && file.failure.through() > file.forced) {
      return java.util.Optional.of("the last fsync of the audit log failed");
    }
    return java.util.Optional.empty();
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    LockSupport.unpark(committer);
    DayFile file = current;
    current = null;
    if (file != null) {
      retire(file);
    }
  }
}
