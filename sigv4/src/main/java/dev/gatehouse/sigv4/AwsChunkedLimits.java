package dev.gatehouse.sigv4;

/**
 * Bounds the aws-chunked decoder enforces, so that its memory stays flat whatever the body: it
 * holds one chunk at a time (a signed chunk must be verified before any of its bytes is released),
 * so {@code maxChunkSize} is also the most it ever buffers.
 *
 * @param minChunkSize the smallest size of a signed chunk that is not the last data chunk (AWS: 8
 *     KiB; unsigned chunks have no minimum)
 * @param maxChunkSize the largest chunk accepted; larger ones fail with {@code
 *     InvalidChunkSizeError} before any of their bytes are read
 * @param maxTrailerBytes the most bytes the trailing headers may take together
 */
public record AwsChunkedLimits(int minChunkSize, int maxChunkSize, int maxTrailerBytes) {
  /**
   * AWS's 8 KiB minimum; 16 MiB per chunk, far above what SDKs send (64 KiB to 1 MiB) and small
   * enough for a 256 MiB heap to hold a few concurrent uploads; 16 KiB of trailers.
   *
   * <p>spec: S3 API Reference, sigv4-streaming ("chunk size must be at least 8 KB ... except the
   * last chunk").
   */
  public static final AwsChunkedLimits DEFAULT = new AwsChunkedLimits(8192, 16 << 20, 16 << 10);

  public AwsChunkedLimits {
    if (minChunkSize < 1 || maxChunkSize < minChunkSize || maxTrailerBytes < 1) {
      throw new IllegalArgumentException(
          "need 1 <= minChunkSize <= maxChunkSize, maxTrailerBytes >= 1");
    }
  }
}
