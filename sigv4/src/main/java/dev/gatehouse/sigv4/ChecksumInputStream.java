package dev.gatehouse.sigv4;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Passes a (decoded) body through while computing an {@code x-amz-checksum-*} value, and at the end
 * of the body compares it with the value the client sent: a mismatch throws {@link SigV4Exception}
 * ({@code BadDigest}) instead of reporting the end of the stream.
 *
 * <p>The expected value is asked for only at the end, so that it may come from a header (known
 * before the body) or from an aws-chunked trailer (known once the body underneath has ended).
 *
 * <p>spec: S3 User Guide, "Checking object integrity"; S3's text for a mismatch is "The CRC32 you
 * specified did not match the calculated checksum." (aws-sdk-ruby#3322).
 */
public final class ChecksumInputStream extends FilterInputStream {
  private final ChecksumAlgorithm algorithm;
  private final Supplier<String> expected;
  private final ChecksumAlgorithm.Running running;
  private boolean checked;

  /**
   * @param in the decoded body
   * @param algorithm the checksum to compute
   * @param expected the base64 value the client sent; called once, after {@code in} has ended
   */
  public ChecksumInputStream(
      InputStream in, ChecksumAlgorithm algorithm, Supplier<String> expected) {
    super(Objects.requireNonNull(in, "in"));
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.running = algorithm.start();
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      check();
    } else {
      running.update(new byte[] {(byte) b}, 0, 1);
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
      check();
    } else {
      running.update(buffer, offset, n);
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
    // not supported: a reset would feed the checksum twice
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void check() {
    if (checked) {
      return;
    }
    checked = true;
    byte[] sent = algorithm.decode(expected.get());
    byte[] computed = running.finish();
    if (!MessageDigest.isEqual(sent, computed)) {
      throw new SigV4Exception(
          SigV4Error.BAD_DIGEST,
          "The " + algorithm.name() + " you specified did not match the calculated checksum.",
          SigV4Exception.ordered(
              "ClientComputedChecksum",
              Base64.getEncoder().encodeToString(sent),
              "ServerComputedChecksum",
              Base64.getEncoder().encodeToString(computed)));
    }
  }
}
