package dev.gatehouse.server;

import dev.gatehouse.api.HttpRequestView;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Copies a request out of Jetty once, refusing a body over the configured limit. */
final class HttpRequestReader {
  private final long maxBodyBytes;

  HttpRequestReader(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  HttpRequestView read(Request request) {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = declared >= 0 ? exactly(in, (int) declared) : in.readNBytes((int) maxBodyBytes + 1);
    } catch (IOException e) {
      throw new GatehouseException(
          ErrorCode.INVALID_PARAMETER_VALUE, "The request body could not be read.", e);
    }
    if (body.length > maxBodyBytes) {
      throw tooLarge();
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
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

  /**
   * A body of the declared length, read into an array of that size (the general read allocates 8
   * KiB buffers and copies them, the largest allocation of a small request).
   */
  private static byte[] exactly(InputStream in, int length) throws IOException {
    byte[] body = new byte[length];
    int read = in.readNBytes(body, 0, length);
    if (read < length || in.read() >= 0) {
      // Jetty delivers exactly Content-Length bytes; anything else is a broken request.
      throw new IOException("body length differs from Content-Length");
    }
    return body;
  }

  private GatehouseException tooLarge() {
    return new GatehouseException(
        ErrorCode.REQUEST_ENTITY_TOO_LARGE,
        "Request body must be at most " + maxBodyBytes + " bytes.");
  }
}
