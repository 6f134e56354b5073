package dev.gatehouse.api.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A body of declared length whose checks run before its last byte is handed on: once {@code length}
 * bytes have been read, the checked stream underneath is read to its end, which is where it
 * verifies the payload hash, the final chunk, the trailers and the checksum (and throws when one
 * fails). A store that stops reading at the declared length therefore never receives the last bytes
 * of a body that failed, and commits nothing.
 */
final class CheckedBody extends InputStream {
  private final InputStream checked;
  private final long length;
  private long read;
  private boolean ended;

  CheckedBody(InputStream checked, long length) {
    this.checked = Objects.requireNonNull(checked);
    this.length = length;
  }

  /**
   * The body a store reads. An empty one is checked now: a store reads nothing of a body declared
   * empty, so its checks (the final chunk's signature, the trailers and their checksum) would never
   * run, and its unread framing would be left on the connection.
   */
  static CheckedBody of(InputStream checked, long length) {
    CheckedBody body = new CheckedBody(checked, length);
    if (length == 0) {
      try {
        body.end();
      } catch (IOException e) {
        throw S3Refusal.of(
            dev.gatehouse.core.s3.S3Error.INCOMPLETE_BODY,
            "The request body could not be read to its end: " + e.getMessage());
      }
    }
    return body;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (read >= length) {
      end();
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n = checked.read(b, off, (int) Math.min(len, length - read));
    if (n < 0) {
      return -1; // shorter than declared: the store refuses it (IncompleteBody)
    }
    read += n;
    if (read == length) {
      end();
    }
    return n;
  }

  /** Reads the checked stream to its end, so that its checks run now. */
  private void end() throws IOException {
    if (ended) {
      return;
    }
    ended = true;
    if (checked.read() >= 0) {
      throw S3Refusal.of(
          dev.gatehouse.core.s3.S3Error.INCOMPLETE_BODY,
          "The request body is longer than the " + length + " bytes it declared.");
    }
  }

  @Override
  public void close() throws IOException {
    checked.close();
  }
}
