package dev.gatehouse.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request the pipeline reads, copied out of Jetty once.
 *
 * @param rawPath the path as on the wire, still percent-encoded
 * @param rawQuery the query string as on the wire, empty if none
 * @param headers name/value pairs in arrival order
 */
@SuppressWarnings("ArrayRecordComponent") // the body is never copied; it lives for one request
public record HttpRequestView(
    String method,
    String rawPath,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    String sourceIp,
    boolean secure) {
  public HttpRequestView {
    Objects.requireNonNull(method);
    Objects.requireNonNull(rawPath);
    Objects.requireNonNull(rawQuery);
    headers = List.copyOf(headers);
    Objects.requireNonNull(body);
    Objects.requireNonNull(sourceIp);
  }

  /** The first value of a header (case-insensitive name), or an empty string. */
  public String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return "";
  }
}
