package dev.gatehouse.server;

import dev.gatehouse.api.HttpRequestView;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/**
 * Copies a request out of Jetty once, with its body (read within the size limit by {@link
 * BodyReader}).
 */
final class HttpRequestReader {
  private HttpRequestReader() {}

  /** The request with its body, copied out of Jetty. */
  static HttpRequestView view(Request request, byte[] body) {
    List<Map.Entry<String, String>> headers = new ArrayList<>(request.getHeaders().size());
    for (HttpField field : request.getHeaders()) {
      headers.add(new AbstractMap.SimpleImmutableEntry<>(field.getName(), field.getValue()));
    }
    String query = request.getHttpURI().getQuery();
    String path = request.getHttpURI().getPath();
    return new HttpRequestView(
        request.getMethod(),
        path == null || path.isEmpty() ? "/" : path,
        query == null ? "" : query,
        headers,
        body,
        Request.getRemoteAddr(request),
        request.isSecure());
  }
}
