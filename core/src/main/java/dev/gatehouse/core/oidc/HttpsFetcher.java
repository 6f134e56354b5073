package dev.gatehouse.core.oidc;

import java.io.IOException;
import java.net.URI;

/**
 * The port through which provider documents (discovery, JWKS) are fetched over HTTPS; the server
 * adapts it with bounded time-outs, a bounded body and the JVM's trust plus an optional CA bundle.
 */
@FunctionalInterface
public interface HttpsFetcher {
  /**
   * The body of a GET of {@code uri}.
   *
   * @throws IOException when the server cannot be reached, times out, answers other than 200, or
   *     sends too much
   */
  String get(URI uri) throws IOException;
}
