package dev.gatehouse.sigv4;

import static dev.gatehouse.sigv4.S3Fixtures.encode;
import static dev.gatehouse.sigv4.S3Fixtures.signedPut;
import static dev.gatehouse.sigv4.S3Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every check of the aws-chunked decoder shown refusing, with S3's code, and what the reader had
 * received when the refusal came: never a byte of a chunk that failed its signature.
 */
class AwsChunkedRefusalTest {
  static final int SIZE = 8192;
  static final byte[] BODY = body(3 * SIZE + 100);
  static final List<Integer> SIZES = List.of(SIZE, SIZE, SIZE, 100);

  static byte[] body(int length) {
    byte[] body = new byte[length];
    for (int i = 0; i < length; i++) {
      body[i] = (byte) (i / SIZE + 1);
    }
    return body;
  }

  /** A signed upload of BODY and what the reader gets from its (possibly altered) wire bytes. */
  static final class Upload {
    private final S3Authentication authn;
    private final byte[] wire;

    Upload(S3Authentication authn, byte[] wire) {
      this.authn = authn;
      this.wire = wire;
    }

    S3Authentication authn() {
      return authn;
    }

    byte[] wire() {
      return wire;
    }

    static Upload signed(String mode, long decodedLength, List<Header> extra) {
      List<Header> headers = new java.util.ArrayList<>(extra);
      headers.add(new Header("Content-Encoding", "aws-chunked"));
      headers.add(new Header("x-amz-decoded-content-length", Long.toString(decodedLength)));
      S3Request request = signedPut(mode, headers);
      S3Authentication authn = verify(request);
      return new Upload(authn, new byte[0]);
    }

    Upload withWire(byte[] bytes) {
      return new Upload(authn, bytes);
    }

    String seed() {
      return authn.authorization().signature();
    }

    /** Reads until the end or a refusal; returns the refusal and what was read before it. */
    Outcome read() {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try (InputStream in = authn.body(new ByteArrayInputStream(wire))) {
        byte[] buffer = new byte[1000];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          got.write(buffer, 0, n);
        }
        return new Outcome(got.toByteArray(), null);
      } catch (SigV4Exception e) {
        return new Outcome(got.toByteArray(), e);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  static final class Outcome {
    private final byte[] received;
    private final SigV4Exception refusal;

    Outcome(byte[] received, SigV4Exception refusal) {
      this.received = received;
      this.refusal = refusal;
    }

    byte[] received() {
      return received;
    }

    SigV4Exception refusal() {
      return refusal;
    }

    SigV4Exception refused(String code) {
      assertThat(refusal).as("expected a refusal").isNotNull();
      assertThat(refusal.code()).isEqualTo(code);
      return refusal;
    }
  }

  static Upload signedUpload() {
    Upload upload = Upload.signed(PayloadMode.STREAMING_SIGNED, BODY.length, List.of());
    return upload.withWire(encode(BODY, SIZES, upload.seed(), Map.of(), false));
  }

  static byte[] replace(byte[] wire, String from, String to) {
    String text = new String(wire, StandardCharsets.ISO_8859_1);
    assertThat(text).contains(from);
    return text.replaceFirst(java.util.regex.Pattern.quote(from), to)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  static int indexOf(byte[] wire, String marker, int occurrence) {
    String text = new String(wire, StandardCharsets.ISO_8859_1);
    int at = -1;
    for (int i = 0; i < occurrence; i++) {
      at = text.indexOf(marker, at + 1);
    }
    return at;
  }

  @Test
  void anIntactUploadDecodes() {
    Outcome outcome = signedUpload().read();
    assertThat(outcome.refusal()).isNull();
    assertThat(outcome.received()).isEqualTo(BODY);
  }

  @Test
  void aForgedChunkIsRefusedBeforeAnyOfItsBytesIsReleased() {
    Upload upload = signedUpload();
    byte[] wire = upload.wire().clone();
    // Change one data byte of chunk 2, keeping its signature.
    int chunk2Data = indexOf(wire, ";chunk-signature=", 2) + ";chunk-signature=".length() + 66;
    wire[chunk2Data + 10] ^= 0x01;
    Outcome outcome = upload.withWire(wire).read();
    outcome.refused("SignatureDoesNotMatch");
    assertThat(outcome.received()).isEqualTo(Arrays.copyOf(BODY, SIZE));
    assertThat(outcome.refusal().details()).containsEntry("Chunk", "2");
  }

  @Test
  void aForgedChunkSignatureIsRefused() {
    Upload upload = signedUpload();
    String second =
        new String(upload.wire(), StandardCharsets.ISO_8859_1)
            .split(";chunk-signature=")[2].substring(0, 64);
    Outcome outcome = upload.withWire(replace(upload.wire(), second, "0".repeat(64))).read();
    outcome.refused("SignatureDoesNotMatch");
    assertThat(outcome.received()).isEqualTo(Arrays.copyOf(BODY, SIZE));
  }

  @Test
  void chunksChainedFromAnotherSeedAreRefusedAtTheFirstChunk() {
    Upload upload = signedUpload();
    Outcome outcome = upload.withWire(encode(BODY, SIZES, "1".repeat(64), Map.of(), false)).read();
    outcome.refused("SignatureDoesNotMatch");
    assertThat(outcome.received()).isEmpty();
  }

  @Test
  void anAlteredSizeIsRefused() {
    Upload upload = signedUpload();
    Outcome outcome = upload.withWire(replace(upload.wire(), "2000;", "1fff;")).read();
    outcome.refused("IncompleteBody");
    assertThat(outcome.received()).isEmpty();
  }

  @Test
  void aTruncatedBodyIsRefused() {
    Upload upload = signedUpload();
    byte[] wire =
        Arrays.copyOf(upload.wire(), indexOf(upload.wire(), ";chunk-signature=", 3) + 200);
    Outcome outcome = upload.withWire(wire).read();
    outcome.refused("IncompleteBody");
    assertThat(outcome.received()).isEqualTo(Arrays.copyOf(BODY, 2 * SIZE));
  }

  @Test
  void aMissingFinalChunkIsRefused() {
    Upload upload = signedUpload();
    byte[] wire =
        Arrays.copyOf(upload.wire(), indexOf(upload.wire(), "\r\n0;chunk-signature=", 1) + 2);
    Outcome outcome = upload.withWire(wire).read();
    outcome.refused("IncompleteBody");
    assertThat(outcome.received()).isEqualTo(BODY);
  }

  @Test
  void aMissingFinalCrlfIsRefused() {
    Upload upload = signedUpload();
    byte[] wire = Arrays.copyOf(upload.wire(), upload.wire().length - 2);
    upload.withWire(wire).read().refused("IncompleteBody");
  }

  @Test
  void bytesAfterTheEndAreRefused() {
    Upload upload = signedUpload();
    byte[] wire = Arrays.copyOf(upload.wire(), upload.wire().length + 1);
    upload.withWire(wire).read().refused("IncompleteBody");
  }

  @Test
  void aSizeThatIsNotHexIsRefused() {
    Upload upload = signedUpload();
    upload.withWire(replace(upload.wire(), "2000;", "20g0;")).read().refused("IncompleteBody");
  }

  @Test
  void aChunkWithoutSignatureIsRefused() {
    Upload upload = signedUpload();
    upload
        .withWire(replace(upload.wire(), "2000;chunk-signature=", "2000;chunk-signatur="))
        .read()
        .refused("IncompleteBody");
  }

  @Test
  void aDeclaredLengthLongerThanTheBodyIsRefusedAtTheEnd() {
    Upload upload = Upload.signed(PayloadMode.STREAMING_SIGNED, BODY.length + 1, List.of());
    Outcome outcome = upload.withWire(encode(BODY, SIZES, upload.seed(), Map.of(), false)).read();
    SigV4Exception e = outcome.refused("IncompleteBody");
    assertThat(e.details())
        .containsEntry("NumberBytesExpected", Integer.toString(BODY.length + 1))
        .containsEntry("NumberBytesProvided", Integer.toString(BODY.length));
    assertThat(outcome.received()).isEqualTo(BODY);
  }

  @Test
  void aDeclaredLengthShorterThanTheBodyIsRefusedBeforeTheChunkThatExceedsIt() {
    Upload upload = Upload.signed(PayloadMode.STREAMING_SIGNED, SIZE + 5, List.of());
    Outcome outcome = upload.withWire(encode(BODY, SIZES, upload.seed(), Map.of(), false)).read();
    outcome.refused("IncompleteBody");
    assertThat(outcome.received()).isEqualTo(Arrays.copyOf(BODY, SIZE));
  }

  @Test
  void aChunkLargerThanTheBoundIsRefusedBeforeItIsRead() {
    Upload upload = Upload.signed(PayloadMode.STREAMING_SIGNED, BODY.length, List.of());
    byte[] wire = encode(BODY, List.of(BODY.length), upload.seed(), Map.of(), false);
    InputStream in =
        upload.authn().body(new ByteArrayInputStream(wire), new AwsChunkedLimits(8192, SIZE, 1024));
    SigV4Exception e = catchThrowableOfType(SigV4Exception.class, () -> in.read());
    assertThat(e.code()).isEqualTo("InvalidChunkSizeError");
    assertThat(e.details()).containsEntry("Chunk", "1");
  }

  @Test
  void aSmallChunkBeforeTheLastIsRefused() {
    Upload upload = Upload.signed(PayloadMode.STREAMING_SIGNED, BODY.length, List.of());
    List<Integer> sizes = List.of(100, BODY.length - 100);
    Outcome outcome = upload.withWire(encode(BODY, sizes, upload.seed(), Map.of(), false)).read();
    SigV4Exception e = outcome.refused("InvalidChunkSizeError");
    assertThat(e.details()).containsEntry("Chunk", "1").containsEntry("BadChunkSize", "100");
  }

  static Upload trailerUpload(Map<String, String> trailers, String announced) {
    Upload upload =
        Upload.signed(
            PayloadMode.STREAMING_SIGNED_TRAILER,
            BODY.length,
            List.of(new Header("x-amz-trailer", announced)));
    return upload.withWire(encode(BODY, SIZES, upload.seed(), trailers, true));
  }

  @Test
  void aSignedTrailerWithTheRightChecksumDecodes() {
    Map<String, String> trailers = Map.of("x-amz-checksum-crc32", ChecksumAlgorithm.CRC32.of(BODY));
    Outcome outcome = trailerUpload(trailers, "x-amz-checksum-crc32").read();
    assertThat(outcome.refusal()).isNull();
    assertThat(outcome.received()).isEqualTo(BODY);
  }

  @Test
  void aWrongTrailerChecksumIsRefusedAtTheEnd() {
    Map<String, String> trailers =
        Map.of("x-amz-checksum-crc32", ChecksumAlgorithm.CRC32.of(new byte[] {1}));
    SigV4Exception e = trailerUpload(trailers, "x-amz-checksum-crc32").read().refused("BadDigest");
    assertThat(e.getMessage())
        .isEqualTo("The CRC32 you specified did not match the calculated checksum.");
  }

  @Test
  void aMalformedTrailerChecksumIsRefused() {
    Map<String, String> trailers = Map.of("x-amz-checksum-sha256", "AAAA");
    SigV4Exception e =
        trailerUpload(trailers, "x-amz-checksum-sha256").read().refused("InvalidRequest");
    assertThat(e.getMessage()).isEqualTo("Value for x-amz-checksum-sha256 header is invalid.");
  }

  @Test
  void aWrongTrailerSignatureIsRefused() {
    Upload upload =
        trailerUpload(
            Map.of("x-amz-checksum-crc32c", ChecksumAlgorithm.CRC32C.of(BODY)),
            "x-amz-checksum-crc32c");
    String text = new String(upload.wire(), StandardCharsets.ISO_8859_1);
    String signature =
        text.substring(
            text.indexOf("x-amz-trailer-signature:") + 24,
            text.indexOf("x-amz-trailer-signature:") + 88);
    Outcome outcome = upload.withWire(replace(upload.wire(), signature, "f".repeat(64))).read();
    outcome.refused("SignatureDoesNotMatch");
    assertThat(outcome.received()).isEqualTo(BODY);
  }

  @Test
  void aTrailerValueChangedAfterSigningIsRefused() {
    String good = ChecksumAlgorithm.SHA1.of(BODY);
    Upload upload = trailerUpload(Map.of("x-amz-checksum-sha1", good), "x-amz-checksum-sha1");
    String other = ChecksumAlgorithm.SHA1.of(new byte[0]);
    upload.withWire(replace(upload.wire(), good, other)).read().refused("SignatureDoesNotMatch");
  }

  @Test
  void aMissingTrailerSignatureIsRefused() {
    Upload upload =
        trailerUpload(
            Map.of("x-amz-checksum-crc32", ChecksumAlgorithm.CRC32.of(BODY)),
            "x-amz-checksum-crc32");
    String text = new String(upload.wire(), StandardCharsets.ISO_8859_1);
    String cut = text.substring(0, text.indexOf("x-amz-trailer-signature:")) + "\r\n";
    upload
        .withWire(cut.getBytes(StandardCharsets.ISO_8859_1))
        .read()
        .refused("MalformedTrailerError");
  }

  @Test
  void aTrailerOtherThanTheAnnouncedOneIsRefused() {
    Map<String, String> trailers =
        Map.of("x-amz-checksum-crc32c", ChecksumAlgorithm.CRC32C.of(BODY));
    trailerUpload(trailers, "x-amz-checksum-crc32").read().refused("MalformedTrailerError");
  }

  @Test
  void anAnnouncedTrailerThatNeverComesIsRefused() {
    trailerUpload(Map.of(), "x-amz-checksum-crc32").read().refused("MalformedTrailerError");
  }

  @Test
  void aTrailerLineWithoutColonIsRefused() {
    Upload upload =
        trailerUpload(
            Map.of("x-amz-checksum-crc32", ChecksumAlgorithm.CRC32.of(BODY)),
            "x-amz-checksum-crc32");
    upload
        .withWire(replace(upload.wire(), "x-amz-checksum-crc32:", "x-amz-checksum-crc32="))
        .read()
        .refused("MalformedTrailerError");
  }

  @Test
  void trailersOnABodyWithoutTrailerAreRefused() {
    Upload upload = Upload.signed(PayloadMode.STREAMING_SIGNED, BODY.length, List.of());
    Map<String, String> trailers = new LinkedHashMap<>();
    trailers.put("x-amz-checksum-crc32", ChecksumAlgorithm.CRC32.of(BODY));
    upload
        .withWire(encode(BODY, SIZES, upload.seed(), trailers, false))
        .read()
        .refused("MalformedTrailerError");
  }

  static Upload unsignedUpload(String checksum) {
    S3Request request =
        signedPut(
            PayloadMode.STREAMING_UNSIGNED_TRAILER,
            List.of(
                new Header("Content-Encoding", "aws-chunked"),
                new Header("x-amz-decoded-content-length", Integer.toString(BODY.length)),
                new Header("x-amz-trailer", "x-amz-checksum-crc32")));
    S3Authentication authn = verify(request);
    List<Integer> sizes = List.of(10, 5000, BODY.length - 5010); // no minimum without signatures
    return new Upload(
        authn, encode(BODY, sizes, "", Map.of("x-amz-checksum-crc32", checksum), true));
  }

  @Test
  void anUnsignedTrailerBodyDecodesAndItsChecksumIsVerified() {
    Outcome good = unsignedUpload(ChecksumAlgorithm.CRC32.of(BODY)).read();
    assertThat(good.refusal()).isNull();
    assertThat(good.received()).isEqualTo(BODY);
    unsignedUpload(ChecksumAlgorithm.CRC32.of(new byte[3])).read().refused("BadDigest");
  }

  @Test
  void anUnsignedChunkWithASignatureExtensionIsRefused() {
    Upload upload = unsignedUpload(ChecksumAlgorithm.CRC32.of(BODY));
    upload.withWire(replace(upload.wire(), "a\r\n", "a;x=y\r\n")).read().refused("IncompleteBody");
  }
}
