package dev.gatehouse.sigv4;

import static dev.gatehouse.sigv4.S3Fixtures.encode;
import static dev.gatehouse.sigv4.S3Fixtures.signedPut;
import static dev.gatehouse.sigv4.S3Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Encoding with the test-side encoder then decoding gives the body back, for any body, any chunk
 * sizes, any read sizes, any way the network splits the bytes and every aws-chunked variant; and
 * changing any one byte of a signed body on the wire either leaves it meaning the same or is
 * refused with the reader holding only whole, verified chunks of the original.
 */
class AwsChunkedPropertyTest {
  /** Arbitrary chunk sizes need the 8 KiB minimum lifted; everything else as deployed. */
  static final AwsChunkedLimits ANY_SIZE = new AwsChunkedLimits(1, 1 << 20, 16 << 10);

  enum Variant {
    SIGNED(PayloadMode.STREAMING_SIGNED),
    SIGNED_TRAILER(PayloadMode.STREAMING_SIGNED_TRAILER),
    UNSIGNED_TRAILER(PayloadMode.STREAMING_UNSIGNED_TRAILER);

    final String header;

    Variant(String header) {
      this.header = header;
    }

    boolean signed() {
      return this != UNSIGNED_TRAILER;
    }

    boolean trailer() {
      return this != SIGNED;
    }
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(1, 3000).list().ofMaxSize(12);
  }

  @Property(tries = 300)
  void encodeThenDecodeRoundTrips(
      @ForAll @Size(max = 20000) byte[] body,
      @ForAll("cuts") List<Integer> cuts,
      @ForAll Variant variant,
      @ForAll ChecksumAlgorithm checksum,
      @ForAll @IntRange(min = 1, max = 5000) int readSize,
      @ForAll @IntRange(min = 1, max = 3000) int trickle) {
    List<Integer> sizes = sizes(body.length, cuts);
    S3Authentication authn = authenticate(variant, body.length, checksum);
    Map<String, String> trailers = new LinkedHashMap<>();
    if (variant.trailer()) {
      trailers.put(checksum.headerName(), checksum.of(body));
    }
    String seed = variant.signed() ? authn.authorization().signature() : "";
    byte[] wire = encode(body, sizes, seed, trailers, variant.trailer());
    InputStream in = authn.body(new Trickle(new ByteArrayInputStream(wire), trickle), ANY_SIZE);
    assertThat(S3Fixtures.readAll(in, readSize)).isEqualTo(body);
  }

  @Property(tries = 300)
  void anyChangedByteIsRefusedOrHarmless(
      @ForAll @Size(min = 1, max = 6000) byte[] body,
      @ForAll("cuts") List<Integer> cuts,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int where,
      @ForAll @IntRange(min = 1, max = 255) int flip,
      @ForAll boolean trailer) {
    List<Integer> sizes = sizes(body.length, cuts);
    Variant variant = trailer ? Variant.SIGNED_TRAILER : Variant.SIGNED;
    S3Authentication authn = authenticate(variant, body.length, ChecksumAlgorithm.CRC32);
    Map<String, String> trailers = new LinkedHashMap<>();
    if (trailer) {
      trailers.put(ChecksumAlgorithm.CRC32.headerName(), ChecksumAlgorithm.CRC32.of(body));
    }
    byte[] wire = encode(body, sizes, authn.authorization().signature(), trailers, trailer);
    wire[where % wire.length] ^= (byte) flip;

    ByteArrayOutputStream got = new ByteArrayOutputStream();
    SigV4Exception refusal = null;
    try (InputStream in = authn.body(new ByteArrayInputStream(wire), ANY_SIZE)) {
      byte[] buffer = new byte[777];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        got.write(buffer, 0, n);
      }
    } catch (SigV4Exception e) {
      refusal = e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] received = got.toByteArray();
    if (refusal == null) {
      // Only changes SigV4 treats as the same message (the case of a hex size digit) get through.
      assertThat(received).isEqualTo(body);
      return;
    }
    assertThat(received.length).isIn(boundaries(sizes));
    assertThat(received).isEqualTo(java.util.Arrays.copyOf(body, received.length));
  }

  /** A network that delivers at most {@code most} bytes per read. */
  static final class Trickle extends java.io.FilterInputStream {
    private final int most;

    Trickle(InputStream in, int most) {
      super(in);
      this.most = most;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return in.read(buffer, offset, Math.min(length, most));
    }
  }

  private static S3Authentication authenticate(
      Variant variant, int length, ChecksumAlgorithm checksum) {
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Content-Encoding", "aws-chunked"));
    headers.add(new Header("x-amz-decoded-content-length", Integer.toString(length)));
    if (variant.trailer()) {
      headers.add(new Header("x-amz-trailer", checksum.headerName()));
    }
    return verify(signedPut(variant.header, headers));
  }

  /** Chunk sizes from cut lengths: each cut taken while the body lasts, the rest last. */
  private static List<Integer> sizes(int length, List<Integer> cuts) {
    List<Integer> sizes = new ArrayList<>();
    int left = length;
    for (int cut : cuts) {
      if (left == 0) {
        break;
      }
      int size = Math.min(cut, left);
      sizes.add(size);
      left -= size;
    }
    if (left > 0) {
      sizes.add(left);
    }
    return sizes;
  }

  private static List<Integer> boundaries(List<Integer> sizes) {
    List<Integer> sums = new ArrayList<>();
    int sum = 0;
    sums.add(0);
    for (int size : sizes) {
      sum += size;
      sums.add(sum);
    }
    return sums;
  }
}
