package dev.gatehouse.server;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.crypto.WriteScope;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Where a request's work runs. The handler tree declares itself non-blocking, so Jetty calls it on
 * the thread that parsed the request (often its selector); work that may wait (the store, an audit
 * fsync, a blocking body read) goes to the server's thread pool from here, and work known not to
 * wait runs where it is. Both run inside a {@link KeyRing#writing() write scope} of the node's
 * master key ring when there is one, so an online master-key rotation waits for the requests begun
 * before its switch (see {@link OnlineMasterKeyRotation}); a scope is opened and closed on the
 * thread that runs the work, around the part that seals and stores.
 */
final class RequestWork {
  private final Optional<KeyRing> keys;
  private final LongAdder inline;
  private final LongAdder pooled;

  private RequestWork(Optional<KeyRing> keys, LongAdder inline, LongAdder pooled) {
    this.keys = keys;
    this.inline = inline;
    this.pooled = pooled;
  }

  /** Work without a key ring (tests, handlers that seal nothing). */
  static RequestWork unscoped() {
    return new RequestWork(Optional.empty(), new LongAdder(), new LongAdder());
  }

  /** The same work (and counts) inside write scopes of {@code ring}: a node's. */
  RequestWork within(KeyRing ring) {
    return new RequestWork(Optional.of(ring), inline, pooled);
  }

  /** Runs {@code work} on this thread: it must not wait. */
  void inline(Runnable work) {
    inline.increment();
    scoped(work);
  }

  /** Runs {@code work} on the server's pool. */
  void pooled(Request request, Runnable work) {
    pooled.increment();
    request.getComponents().getExecutor().execute(() -> scoped(work));
  }

  /** Runs a handler that may block on the server's pool (in a write scope). */
  void pooled(Handler handler, Request request, Response response, Callback callback) {
    pooled(request, () -> handleOrFail(handler, request, response, callback));
  }

  /** How many requests ran where Jetty called the handler tree, without a hand-off. */
  long inlined() {
    return inline.sum();
  }

  /** How many requests were handed to the pool. */
  long dispatched() {
    return pooled.sum();
  }

  private void scoped(Runnable work) {
    if (keys.isEmpty()) {
      work.run();
      return;
    }
    WriteScope scope = keys.get().writing();
    try {
      work.run();
    } finally {
      scope.close();
    }
  }

  /**
   * Calls {@code next} where it may block: at once when it declares itself non-blocking, else on
   * the pool (no write scope: the handlers below open their own).
   */
  static boolean handle(Handler next, Request request, Response response, Callback callback)
      throws Exception {
    if (next.getInvocationType() == Invocable.InvocationType.NON_BLOCKING) {
      return next.handle(request, response, callback);
    }
    request
        .getComponents()
        .getExecutor()
        .execute(() -> handleOrFail(next, request, response, callback));
    return true;
  }

  /** Runs {@code work} on the pool (no write scope): a blocking part of a non-blocking handler. */
  static void blocking(Request request, Runnable work) {
    request.getComponents().getExecutor().execute(work);
  }

  /** A handler that declines answers 404, as Jetty does; a throw fails the request. */
  static void handleOrFail(Handler handler, Request request, Response response, Callback callback) {
    try {
      if (!handler.handle(request, response, callback)) {
        Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
      }
    } catch (Throwable e) {
      callback.failed(e);
    }
  }

  /** A blocking handler behind a non-blocking tree: each request runs on the pool. */
  Handler onPool(Handler blocking) {
    return new Handler.Wrapper(blocking) {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        pooled(blocking, request, response, callback);
        return true;
      }

      @Override
      public Invocable.InvocationType getInvocationType() {
        return Invocable.InvocationType.NON_BLOCKING;
      }
    };
  }
}
