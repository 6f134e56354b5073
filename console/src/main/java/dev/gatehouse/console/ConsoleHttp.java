package dev.gatehouse.console;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The console's side of HTTP: what an HTTP adapter hands it and what it answers. */
public final class ConsoleHttp {
  private ConsoleHttp() {}

  /**
   * One request as it arrived.
   *
   * @param decodedPath the percent-decoded path, starting with {@code /console}
   * @param rawPath the path as sent (for the sign-in page's return address)
   * @param rawQuery the query string as sent, or null
   * @param declaredLength the Content-Length, or -1 when not declared
   * @param body the request body, read only for POST
   * @param cookieHeader every Cookie header joined with {@code "; "}
   * @param contentType the request's Content-Type, empty when absent
   */
  public record Incoming(
      String method,
      String decodedPath,
      String rawPath,
      String rawQuery,
      long declaredLength,
      InputStream body,
      String cookieHeader,
      String host,
      String sourceIp,
      boolean secure,
      String contentType) {
    public Incoming {
      Objects.requireNonNull(method);
      Objects.requireNonNull(rawPath);
      Objects.requireNonNull(body);
      Objects.requireNonNull(cookieHeader);
      Objects.requireNonNull(host);
      Objects.requireNonNull(sourceIp);
      Objects.requireNonNull(contentType);
    }

    /** A request without a Content-Type (a form's is read as URL-encoded). */
    public Incoming(
        String method,
        String decodedPath,
        String rawPath,
        String rawQuery,
        long declaredLength,
        InputStream body,
        String cookieHeader,
        String host,
        String sourceIp,
        boolean secure) {
      this(
          method,
          decodedPath,
          rawPath,
          rawQuery,
          declaredLength,
          body,
          cookieHeader,
          host,
          sourceIp,
          secure,
          "");
    }
  }

  /**
   * The answer: status, headers (one value each) and the whole body, handed once to the adapter
   * that writes it; or, for a download, a stream the adapter copies out (its length is in the
   * headers) and closes.
   */
  @SuppressWarnings("ArrayRecordComponent") // written out once, never compared or shared
  public record Outgoing(
      int status, Map<String, String> headers, byte[] body, Optional<InputStream> stream) {
    public Outgoing {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body);
      Objects.requireNonNull(stream);
    }

    public Outgoing(int status, Map<String, String> headers, byte[] body) {
      this(status, headers, body, Optional.empty());
    }
  }
}
