package dev.gatehouse.api.s3;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An S3 request as it arrived over HTTP: the same parts as the Query protocol's view, but the body
 * is a stream that is read once, by the operation, through the authentication's checks (no object
 * body is ever buffered whole).
 *
 * @param rawPath the path as on the wire, still percent-encoded
 * @param rawQuery the query string as on the wire, empty if none
 * @param headers name/value pairs in arrival order
 * @param host the Host header without port, lower case (names the bucket in virtual-hosted style)
 */
public record S3HttpRequest(
    String method,
    String rawPath,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    InputStream body,
    String sourceIp,
    boolean secure,
    String host) {
  public S3HttpRequest {
    Objects.requireNonNull(method);
    Objects.requireNonNull(rawPath);
    Objects.requireNonNull(rawQuery);
    headers = List.copyOf(headers);
    Objects.requireNonNull(body);
    Objects.requireNonNull(sourceIp);
    Objects.requireNonNull(host);
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
