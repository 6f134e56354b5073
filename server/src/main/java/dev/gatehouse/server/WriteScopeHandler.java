package dev.gatehouse.server;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.crypto.WriteScope;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Runs each request inside a {@link KeyRing#writing() write scope} of the node's master key ring,
 * so an online master-key rotation knows which requests began before its switch and waits for them
 * (see {@link OnlineMasterKeyRotation}). The handlers below answer on the request's thread (bodies
 * are read blocking), so whatever a request sealed is stored by the time {@code handle} returns.
 */
final class WriteScopeHandler extends Handler.Wrapper {
  private final KeyRing keys;

  WriteScopeHandler(KeyRing keys, Handler next) {
    super(next);
    this.keys = keys;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    WriteScope scope = keys.writing();
    try {
      return super.handle(request, response, callback);
    } finally {
      scope.close();
    }
  }
}
