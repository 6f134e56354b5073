package dev.gatehouse.api.s3;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An S3 answer: status, headers and a body that is either a small encoded document or a stream of
 * object bytes the HTTP adapter copies to the client (and closes).
 */
public record S3Reply(int status, List<Map.Entry<String, String>> headers, Body body) {
  public S3Reply {
    headers = List.copyOf(headers);
    Objects.requireNonNull(body);
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

  /** What follows the headers. */
  public sealed interface Body {
    /** The length the {@code Content-Length} header announces. */
    long length();
  }

  /** No body (HEAD, 204, 304); {@code length} is what a GET would have sent, for HEAD. */
  public record Empty(long length) implements Body {}

  /** An encoded document (XML, a policy's JSON). */
  @SuppressWarnings("ArrayRecordComponent") // written once, never copied
  public record Bytes(byte[] bytes) implements Body {
    public Bytes {
      Objects.requireNonNull(bytes);
    }

    @Override
    public long length() {
      return bytes.length;
    }
  }

  /** Object bytes: exactly {@code length} of them; the adapter closes the stream. */
  public record Stream(InputStream in, long length) implements Body {
    public Stream {
      Objects.requireNonNull(in);
    }
  }
}
