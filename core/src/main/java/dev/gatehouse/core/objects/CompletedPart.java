package dev.gatehouse.core.objects;

import java.util.Objects;

/** A part named in CompleteMultipartUpload; the ETag may come with or without its quotes. */
public record CompletedPart(int partNumber, String etag) {
  public CompletedPart {
    Objects.requireNonNull(etag, "etag");
  }

  /** The ETag without surrounding quotes. */
  public String bareEtag() {
    String e = etag.trim();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      return e.substring(1, e.length() - 1);
    }
    return e;
  }
}
