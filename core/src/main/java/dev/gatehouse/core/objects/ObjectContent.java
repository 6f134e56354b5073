package dev.gatehouse.core.objects;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A GET's answer: the object's metadata, the bytes served ({@code span}, the whole object when no
 * range was asked) and a stream of exactly those bytes. The caller closes it.
 */
public record ObjectContent(ObjectInfo info, ByteRange.Span span, InputStream body)
    implements Closeable {
  public ObjectContent {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(body, "body");
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
