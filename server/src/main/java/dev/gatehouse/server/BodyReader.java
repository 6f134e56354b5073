package dev.gatehouse.server;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a small request body without blocking: what Jetty has parsed is taken at once, and when
 * more is to come the rest is read from Jetty's demand callback, which declares itself non-blocking
 * (so it may run on the selector). A declared or read length over the limit is
 * RequestEntityTooLarge; a body shorter than its Content-Length (the connection closed or failed)
 * is InvalidParameterValue.
 */
final class BodyReader implements Runnable, Invocable {
  /** Where the body, or the refusal, goes: called once, on the thread that read the end. */
  interface Completion {
    void read(byte[] body);

    void refused(GatehouseException error);
  }

  private final Request request;
  private final long maxBodyBytes;
  private final long declared;
  private final Completion done;
  private byte[] body;
  private int length;

  private BodyReader(Request request, long maxBodyBytes, long declared, Completion done) {
    this.request = request;
    this.maxBodyBytes = maxBodyBytes;
    this.declared = declared;
    this.done = done;
    // Exactly the declared size when there is one (no copy at the end), else grown as it comes.
    this.body = new byte[declared >= 0 ? (int) declared : (int) Math.min(maxBodyBytes + 1, 1024)];
  }

  static void read(Request request, long maxBodyBytes, Completion done) {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > maxBodyBytes) {
      done.refused(tooLarge(maxBodyBytes));
      return;
    }
    new BodyReader(request, maxBodyBytes, declared, done).run();
  }

  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        done.refused(unreadable(chunk.getFailure()));
        return;
      }
      boolean last = chunk.isLast();
      ByteBuffer bytes = chunk.getByteBuffer();
      int n = bytes.remaining();
      if ((long) length + n > maxBodyBytes) {
        chunk.release();
        done.refused(tooLarge(maxBodyBytes));
        return;
      }
      if (length + n > body.length) {
        body =
            Arrays.copyOf(
                body, (int) Math.min(maxBodyBytes + 1, Math.max(2L * body.length, length + n)));
      }
      bytes.get(body, length, n);
      length += n;
      chunk.release();
      if (last) {
        finish();
        return;
      }
    }
  }

  private void finish() {
    if (declared >= 0 && length != declared) {
      // Jetty delivers exactly Content-Length bytes; anything else is a broken request.
      done.refused(unreadable(null));
      return;
    }
    done.read(length == body.length ? body : Arrays.copyOf(body, length));
  }

  /** Reading goes on from Jetty's demand without blocking. */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  private static GatehouseException tooLarge(long maxBodyBytes) {
    return new GatehouseException(
        ErrorCode.REQUEST_ENTITY_TOO_LARGE,
        "Request body must be at most " + maxBodyBytes + " bytes.");
  }

  /**
   * @param cause the read's failure, or null for a body of the wrong length
   */
  private static GatehouseException unreadable(Throwable cause) {
    return new GatehouseException(
        ErrorCode.INVALID_PARAMETER_VALUE, "The request body could not be read.", cause);
  }
}
