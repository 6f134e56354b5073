package dev.gatehouse.core.objects;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A request body of declared length, read once as a stream: yields exactly {@code length} bytes,
 * computing their MD5 on the way, and fails when the source ends early ({@code IncompleteBody}).
 * Nothing is buffered beyond the caller's read buffer. A source's {@code IOException} becomes
 * {@code IncompleteBody}; its unchecked exceptions (a chunk whose signature failed) pass unchanged.
 */
public final class MeasuredBody extends InputStream {
  private final InputStream source;
  private final long length;
  private final MessageDigest md5 = MultipartRules.md5();
  private long read;

  public MeasuredBody(InputStream source, long length) {
    this.source = Objects.requireNonNull(source, "source");
    this.length = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long left = length - read;
    if (left == 0) {
      return -1;
    }
    int n;
    try {
      n = source.read(b, off, (int) Math.min(len, left));
    } catch (IOException e) {
      // The client's stream broke (disconnect, malformed chunk framing): the body is incomplete.
      throw new ObjectStoreException(
          ObjectError.INCOMPLETE_BODY,
          "the request body could not be read after " + read + " of " + length + " bytes",
          e);
    }
    if (n < 0) {
      throw new ObjectStoreException(
          ObjectError.INCOMPLETE_BODY,
          "You did not provide the number of bytes specified by the Content-Length HTTP header:"
              + " the body ended after "
              + read
              + " of "
              + length
              + " bytes");
    }
    md5.update(b, off, n);
    read += n;
    return n;
  }

  /** Whether every declared byte has been read. */
  public boolean complete() {
    return read == length;
  }

  public long length() {
    return length;
  }

  /** The MD5 hex of the bytes read; meaningful once {@link #complete}. */
  public String md5Hex() {
    return HexFormat.of().formatHex(md5.digest());
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
