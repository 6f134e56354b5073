package dev.gatehouse.api;

import java.util.Objects;

/**
 * An HTTP answer of the API pipeline: status, content type and the encoded body.
 *
 * @param body written as is; never copied
 */
@SuppressWarnings("ArrayRecordComponent") // the body lives for one response
public record Reply(int status, String contentType, byte[] body) {
  public Reply {
    Objects.requireNonNull(contentType);
    Objects.requireNonNull(body);
  }
}
