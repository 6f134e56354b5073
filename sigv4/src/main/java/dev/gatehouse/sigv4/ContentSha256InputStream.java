package dev.gatehouse.sigv4;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Passes a body through while computing its SHA-256, and at the end of the body compares it with
 * the signed {@code x-amz-content-sha256}: a mismatch throws {@link SigV4Exception} ({@code
 * XAmzContentSHA256Mismatch}) instead of reporting the end of the stream, so a store that commits
 * only at the end never commits the body.
 *
 * <p>spec: S3 API Reference, sig-v4-header-based-auth ("signed payload option") and the error code
 * {@code XAmzContentSHA256Mismatch}; S3 adds the two hashes as {@code ClientComputedContentSHA256}
 * and {@code S3ComputedContentSHA256}.
 */
public final class ContentSha256InputStream {
  private ContentSha256InputStream() {}

  /** Checks {@code in} against {@code expectedSha256Hex} (64 hex digits, either case). */
  public static InputStream of(InputStream in, String expectedSha256Hex) {
    Objects.requireNonNull(expectedSha256Hex, "expectedSha256Hex");
    MessageDigest digest = Hashing.newSha256();
    return new EndCheckedInputStream(
        in,
        new EndCheckedInputStream.Check() {
          @Override
          public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
          }

          @Override
          public void verify() {
            String computed = Hashing.hex(digest.digest());
            if (!computed.equalsIgnoreCase(expectedSha256Hex)) {
              throw new SigV4Exception(
                  SigV4Error.CONTENT_SHA256_MISMATCH,
                  "The provided 'x-amz-content-sha256' header does not match what was computed.",
                  SigV4Exception.ordered(
                      "ClientComputedContentSHA256",
                      expectedSha256Hex,
                      "S3ComputedContentSHA256",
                      computed));
            }
          }
        });
  }
}
