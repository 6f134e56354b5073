package dev.gatehouse.sigv4;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Passes a body through while feeding a {@link Check}, and at the end of the body asks the check to
 * compare: a mismatch throws {@link SigV4Exception} instead of reporting the end of the stream, so
 * a store that commits only at the end never commits the body. Memory stays constant whatever the
 * body's size. Bytes skipped are read through, so that they are checked too.
 */
final class EndCheckedInputStream extends FilterInputStream {
  /** What is computed over the body and compared once it has ended. */
  interface Check {
    void update(byte[] bytes, int offset, int length);

    /** Compares; throws {@link SigV4Exception} on a mismatch. Called once. */
    void verify();
  }

  private final Check check;
  private boolean checked;

  EndCheckedInputStream(InputStream in, Check check) {
    super(Objects.requireNonNull(in, "in"));
    this.check = Objects.requireNonNull(check, "check");
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      ended();
    } else {
      check.update(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      // Some streams answer a zero-length read at their end with -1; that is not the end here.
      return 0;
    }
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      ended();
    } else {
      check.update(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readLimit) {
    // not supported: a reset would feed the check twice
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void ended() {
    if (!checked) {
      checked = true;
      check.verify();
    }
  }
}
