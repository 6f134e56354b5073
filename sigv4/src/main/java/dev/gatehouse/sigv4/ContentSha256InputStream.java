package dev.gatehouse.sigv4;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Passes a body through while computing its SHA-256, and at the end of the body compares it with
 * the signed {@code x-amz-content-sha256}: a mismatch throws {@link SigV4Exception} ({@code
 * XAmzContentSHA256Mismatch}) instead of reporting the end of the stream, so a store that commits
 * only at the end never commits the body. Memory stays constant whatever the body's size.
 *
 * <p>spec: S3 API Reference, sig-v4-header-based-auth ("signed payload option") and the error code
 * {@code XAmzContentSHA256Mismatch}; S3 adds the two hashes as {@code ClientComputedContentSHA256}
 * and {@code S3ComputedContentSHA256}.
 */
public final class ContentSha256InputStream extends FilterInputStream {
  private final String expected;
  private final MessageDigest digest = Hashing.newSha256();
  private boolean checked;

  /** Checks {@code in} against {@code expectedSha256Hex} (64 hex digits, either case). */
  public ContentSha256InputStream(InputStream in, String expectedSha256Hex) {
    super(Objects.requireNonNull(in, "in"));
    this.expected = Objects.requireNonNull(expectedSha256Hex, "expectedSha256Hex");
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      check();
    } else {
      digest.update((byte) b);
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
      digest.update(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be hashed too: read them through this stream.
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
    // not supported: a reset would feed the digest twice
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
    String computed = Hashing.hex(digest.digest());
    if (!computed.equalsIgnoreCase(expected)) {
      throw new SigV4Exception(
          SigV4Error.CONTENT_SHA256_MISMATCH,
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          SigV4Exception.ordered(
              "ClientComputedContentSHA256", expected, "S3ComputedContentSHA256", computed));
    }
  }
}
