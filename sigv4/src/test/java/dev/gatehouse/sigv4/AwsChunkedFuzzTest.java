package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the aws-chunked decoder: whatever the bytes on the wire, decoding either yields exactly
 * the declared number of bytes or fails with a {@link SigV4Exception}; nothing else escapes, and
 * memory stays within the limits. The first byte picks the variant (signed, signed with trailer,
 * unsigned with trailer), the next two the declared length; the rest is the body. The seed corpus
 * under AwsChunkedFuzzTestInputs replays in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class AwsChunkedFuzzTest {
  private static final AwsChunkedLimits LIMITS = new AwsChunkedLimits(1, 1 << 16, 1024);
  private static final List<String> TRAILERS = List.of("x-amz-checksum-crc32");

  @FuzzTest(maxDuration = "10s")
  void decoderRefusesOnlyWithSigV4Exception(byte[] input) throws IOException {
    if (input.length < 3) {
      return;
    }
    int variant = (input[0] & 0xFF) % 3;
    long declared = ((long) (input[1] & 0xFF) << 8) | (input[2] & 0xFF);
    InputStream wire = new ByteArrayInputStream(Arrays.copyOfRange(input, 3, input.length));
    AwsChunkedInputStream in =
        switch (variant) {
          case 0 ->
              AwsChunkedInputStream.signed(
                  wire,
                  S3Fixtures.CHUNK_SIGNER,
                  "0".repeat(64),
                  declared,
                  false,
                  List.of(),
                  LIMITS);
          case 1 ->
              AwsChunkedInputStream.signed(
                  wire, S3Fixtures.CHUNK_SIGNER, "0".repeat(64), declared, true, TRAILERS, LIMITS);
          default -> AwsChunkedInputStream.unsigned(wire, declared, TRAILERS, LIMITS);
        };
    long total = 0;
    try {
      byte[] buffer = new byte[512];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
      }
    } catch (SigV4Exception e) {
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.error().httpStatus()).isBetween(400, 499);
      return;
    }
    assertThat(total).isEqualTo(declared);
    assertThat(in.trailers().keySet()).isSubsetOf(TRAILERS);
  }
}
