package dev.gatehouse.sigv4;

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
public final class ChecksumInputStream {
  private ChecksumInputStream() {}

  /**
   * @param in the decoded body
   * @param algorithm the checksum to compute
   * @param expected the base64 value the client sent; called once, after {@code in} has ended
   */
  public static InputStream of(
      InputStream in, ChecksumAlgorithm algorithm, Supplier<String> expected) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(expected, "expected");
    ChecksumAlgorithm.Running running = algorithm.start();
    return new EndCheckedInputStream(
        in,
        new EndCheckedInputStream.Check() {
          @Override
          public void update(byte[] bytes, int offset, int length) {
            running.update(bytes, offset, length);
          }

          @Override
          public void verify() {
            byte[] sent = algorithm.decode(expected.get());
            byte[] computed = running.finish();
            if (!MessageDigest.isEqual(sent, computed)) {
              throw new SigV4Exception(
                  SigV4Error.BAD_DIGEST,
                  "The "
                      + algorithm.name()
                      + " you specified did not match the calculated checksum.",
                  SigV4Exception.ordered(
                      "ClientComputedChecksum",
                      Base64.getEncoder().encodeToString(sent),
                      "ServerComputedChecksum",
                      Base64.getEncoder().encodeToString(computed)));
            }
          }
        });
  }
}
