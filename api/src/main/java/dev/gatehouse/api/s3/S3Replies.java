package dev.gatehouse.api.s3;

import java.util.List;
import java.util.Map;

/** The shapes of S3's successful answers. */
final class S3Replies {
  private S3Replies() {}

  /** An answer without a body. */
  static S3Reply empty(int status) {
    return new S3Reply(status, List.of(), new S3Reply.Empty(0));
  }

  static S3Reply empty(int status, Map.Entry<String, String> header) {
    return new S3Reply(status, List.of(header), new S3Reply.Empty(0));
  }

  static S3Reply empty(int status, List<Map.Entry<String, String>> headers) {
    return new S3Reply(status, headers, new S3Reply.Empty(0));
  }

  /** A REST-XML document. */
  static S3Reply xml(S3Xml.Writer xml) {
    return bytes(200, S3Xml.CONTENT_TYPE, xml.finish());
  }

  static S3Reply bytes(int status, String contentType, byte[] body) {
    return new S3Reply(
        status, List.of(S3Codec.header("Content-Type", contentType)), new S3Reply.Bytes(body));
  }
}
