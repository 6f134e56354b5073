package dev.gatehouse.sigv4;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes an aws-chunked body ({@code Content-Encoding: aws-chunked}) as it streams, and checks it:
 *
 * <pre>
 * hex-size[;chunk-signature=sig] CRLF data CRLF ... 0[;chunk-signature=sig] CRLF [trailers] CRLF
 * </pre>
 *
 * <ul>
 *   <li>Signed chunks ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}): every chunk is read
 *       whole and its signature, chained from the seed signature, is verified <em>before any of its
 *       bytes is returned</em>. A reader therefore only ever sees bytes of verified chunks; at most
 *       one chunk ({@link AwsChunkedLimits#maxChunkSize()}) is held in memory.
 *   <li>Framing: sizes in hex, CRLF where the format puts them, a final zero-size chunk, nothing
 *       after the end; the decoded bytes must add up to {@code x-amz-decoded-content-length}.
 *   <li>Trailers ({@code *-TRAILER}): exactly the headers named by {@code x-amz-trailer}; in the
 *       signed variant an {@code x-amz-trailer-signature} chained from the final chunk's signature.
 * </ul>
 *
 * <p>Every failure is a {@link SigV4Exception} with S3's code ({@code SignatureDoesNotMatch},
 * {@code IncompleteBody}, {@code InvalidChunkSizeError}, {@code MalformedTrailerError}), thrown
 * from {@code read} before the end of the stream is reported, so a store that commits only at the
 * end of the stream never commits a body that failed. Not thread-safe, like any stream.
 *
 * <p>spec: S3 API Reference, "Transferring Payload in Multiple Chunks (Chunked Upload)" and
 * "Signature calculations for trailing headers (chunked uploads)".
 */
public final class AwsChunkedInputStream extends InputStream {
  private static final String SIGNATURE_EXTENSION = "chunk-signature=";
  private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
  private static final int MAX_HEADER_LINE = 256;
  private static final String TERMINATED =
      "The request body terminated unexpectedly"; // spec: S3's text (versity/versitygw#1666)

  private final InputStream wire;
  private final Optional<ChunkSigner> signer;
  private final long decodedLength;
  private final boolean trailer;
  private final List<String> expectedTrailers;
  private final AwsChunkedLimits limits;
  private final byte[] lineBuffer = new byte[MAX_HEADER_LINE];
  private final Map<String, String> trailers = new LinkedHashMap<>();
  private final byte[] one = new byte[1];

  private String previousSignature;
  private byte[] chunk = new byte[0];
  private int position;
  private int limit;
  private long decoded;
  private long chunks;
  private long previousSize = -1;
  private boolean done;

  private AwsChunkedInputStream(
      InputStream wire,
      Optional<ChunkSigner> signer,
      String seedSignature,
      long decodedLength,
      boolean trailer,
      List<String> expectedTrailers,
      AwsChunkedLimits limits) {
    // Header lines are read a byte at a time; chunk data in bulk, which BufferedInputStream passes
    // straight through once its buffer is drained.
    this.wire = new BufferedInputStream(Objects.requireNonNull(wire, "wire"), 8192);
    this.signer = signer;
    this.previousSignature = Objects.requireNonNull(seedSignature, "seedSignature");
    if (decodedLength < 0) {
      throw new IllegalArgumentException("decodedLength must not be negative");
    }
    this.decodedLength = decodedLength;
    this.trailer = trailer;
    List<String> names = new ArrayList<>();
    for (String name : expectedTrailers) {
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    this.expectedTrailers = List.copyOf(names);
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * A decoder for signed chunks ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, or with {@code
   * trailer} the {@code -TRAILER} variant).
   *
   * @param wire the body as received (the HTTP layer has already removed any {@code
   *     Transfer-Encoding: chunked})
   * @param signer the request's chunk signer (its signing key, date and scope)
   * @param seedSignature the request's own signature, from which the first chunk's is chained
   * @param decodedLength {@code x-amz-decoded-content-length}
   * @param trailer whether trailing headers follow the final chunk
   * @param trailerNames the names in {@code x-amz-trailer} (empty without trailer)
   */
  public static AwsChunkedInputStream signed(
      InputStream wire,
      ChunkSigner signer,
      String seedSignature,
      long decodedLength,
      boolean trailer,
      List<String> trailerNames,
      AwsChunkedLimits limits) {
    return new AwsChunkedInputStream(
        wire, Optional.of(signer), seedSignature, decodedLength, trailer, trailerNames, limits);
  }

  /** A decoder for {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: no chunk signatures, a trailer. */
  public static AwsChunkedInputStream unsigned(
      InputStream wire, long decodedLength, List<String> trailerNames, AwsChunkedLimits limits) {
    return new AwsChunkedInputStream(
        wire, Optional.empty(), "", decodedLength, true, trailerNames, limits);
  }

  /**
   * The trailing headers (lower-case names, trimmed values, without the trailer signature), once
   * the end of the stream has been reported; empty before that.
   */
  public Map<String, String> trailers() {
    return done ? Collections.unmodifiableMap(trailers) : Map.of();
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    while (position == limit) {
      if (done) {
        return -1;
      }
      nextChunk();
    }
    int n = Math.min(length, limit - position);
    System.arraycopy(chunk, position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping must still decode and verify; read through.
    return super.skip(n);
  }

  @Override
  public int available() {
    return limit - position;
  }

  @Override
  public void close() throws IOException {
    wire.close();
  }

  private void nextChunk() throws IOException {
    String header = readLine("chunk header");
    chunks++;
    String sizeText = header;
    String signature = "";
    int semicolon = header.indexOf(';');
    if (signer.isPresent()) {
      if (semicolon < 0 || !header.startsWith(SIGNATURE_EXTENSION, semicolon + 1)) {
        throw incomplete("Chunk " + chunks + " has no chunk-signature.");
      }
      sizeText = header.substring(0, semicolon);
      signature = header.substring(semicolon + 1 + SIGNATURE_EXTENSION.length());
    } else if (semicolon >= 0) {
      throw incomplete("Chunk " + chunks + " of an unsigned body carries an extension.");
    }
    long size = parseSize(sizeText);
    if (size > limits.maxChunkSize()) {
      throw new SigV4Exception(
          SigV4Error.INVALID_CHUNK_SIZE,
          "Chunk "
              + chunks
              + " is "
              + size
              + " bytes; this server accepts chunks of at most "
              + limits.maxChunkSize()
              + " bytes.",
          SigV4Exception.ordered("Chunk", Long.toString(chunks), "BadChunkSize", sizeText));
    }
    if (size > 0
        && signer.isPresent()
        && previousSize >= 0
        && previousSize < limits.minChunkSize()) {
      // spec: S3's text (versity/versitygw#1683); only the last data chunk may be small
      throw new SigV4Exception(
          SigV4Error.INVALID_CHUNK_SIZE,
          "Only the last chunk is allowed to have a size less than "
              + limits.minChunkSize()
              + " bytes",
          SigV4Exception.ordered(
              "Chunk", Long.toString(chunks - 1), "BadChunkSize", Long.toString(previousSize)));
    }
    if (decoded + size > decodedLength) {
      throw lengthMismatch(decoded + size);
    }
    int n = (int) size;
    if (chunk.length < n) {
      chunk = new byte[n];
    }
    readFully(chunk, n);
    if (n > 0) {
      expectCrlf("after the data of chunk " + chunks);
    }
    if (signer.isPresent()) {
      String expected = signer.get().chunkSignature(previousSignature, Hashing.sha256(chunk, 0, n));
      if (!ChunkSigner.same(expected, signature)) {
        throw new SigV4Exception(
            SigV4Error.SIGNATURE_DOES_NOT_MATCH,
            "The request signature we calculated does not match the signature you provided."
                + " Check your key and signing method.",
            SigV4Exception.ordered("Chunk", Long.toString(chunks)));
      }
      previousSignature = signature;
    }
    if (n == 0) {
      finish();
      return;
    }
    decoded += n;
    previousSize = n;
    position = 0;
    limit = n;
  }

  private void finish() throws IOException {
    readTrailers();
    if (decoded != decodedLength) {
      throw lengthMismatch(decoded);
    }
    if (wire.read() >= 0) {
      throw incomplete("The body continues after the final chunk.");
    }
    position = 0;
    limit = 0;
    done = true;
  }

  private void readTrailers() throws IOException {
    StringBuilder canonical = new StringBuilder();
    String trailerSignature = "";
    int bytes = 0;
    while (true) {
      String line = readTrailerLine();
      if (line.isEmpty()) {
        break;
      }
      bytes += line.length() + 2;
      if (bytes > limits.maxTrailerBytes()) {
        throw malformedTrailer();
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !trailer) {
        throw malformedTrailer();
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals(TRAILER_SIGNATURE) && signer.isPresent()) {
        if (!trailerSignature.isEmpty()) {
          throw malformedTrailer();
        }
        trailerSignature = value;
        continue;
      }
      if (name.isEmpty() || trailers.containsKey(name) || !trailerSignature.isEmpty()) {
        // the signature comes last; names appear once
        throw malformedTrailer();
      }
      trailers.put(name, value);
      canonical.append(ChunkSigner.canonicalTrailer(name, value));
    }
    Set<String> expected = new LinkedHashSet<>(expectedTrailers);
    if (!trailers.keySet().equals(expected)) {
      throw malformedTrailer();
    }
    if (trailer && signer.isPresent()) {
      if (trailerSignature.isEmpty()) {
        throw malformedTrailer();
      }
      String computed = signer.get().trailerSignature(previousSignature, canonical.toString());
      if (!ChunkSigner.same(computed, trailerSignature)) {
        throw new SigV4Exception(
            SigV4Error.SIGNATURE_DOES_NOT_MATCH,
            "The request signature we calculated does not match the signature you provided."
                + " Check your key and signing method.",
            SigV4Exception.ordered("Trailer", TRAILER_SIGNATURE));
      }
    }
  }

  /** A trailer line, or the empty line that ends the body; a truncated end is malformed. */
  private String readTrailerLine() throws IOException {
    try {
      return readLine("trailer");
    } catch (SigV4Exception e) {
      if (e.error() == SigV4Error.INCOMPLETE_BODY && trailer) {
        throw malformedTrailer();
      }
      throw e;
    }
  }

  private static long parseSize(String text) {
    if (text.isEmpty() || text.length() > 8) {
      throw incomplete("Chunk size '" + text + "' is not a hexadecimal number of 1 to 8 digits.");
    }
    long size = 0;
    for (int i = 0; i < text.length(); i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        throw incomplete("Chunk size '" + text + "' is not a hexadecimal number.");
      }
      size = size * 16 + digit;
    }
    return size;
  }

  /** Reads up to CRLF; the line must be ASCII and short. */
  private String readLine(String what) throws IOException {
    int length = 0;
    while (true) {
      int b = wire.read();
      if (b < 0) {
        throw incomplete("The body ended inside a " + what + ".");
      }
      if (b == '\r') {
        if (wire.read() != '\n') {
          throw incomplete("A " + what + " line does not end with CRLF.");
        }
        return new String(lineBuffer, 0, length, StandardCharsets.US_ASCII);
      }
      if (b == '\n' || b > 0x7E || length == lineBuffer.length) {
        throw incomplete("A " + what + " line is malformed.");
      }
      lineBuffer[length++] = (byte) b;
    }
  }

  private void expectCrlf(String where) throws IOException {
    if (wire.read() != '\r' || wire.read() != '\n') {
      throw incomplete("Expected CRLF " + where + ".");
    }
  }

  private void readFully(byte[] into, int n) throws IOException {
    int read = 0;
    while (read < n) {
      int r = wire.read(into, read, n - read);
      if (r < 0) {
        throw incomplete("The body ended inside chunk " + chunks + ".");
      }
      read += r;
    }
  }

  private SigV4Exception lengthMismatch(long provided) {
    // spec: S3's text and elements (versity/versitygw#1684)
    return new SigV4Exception(
        SigV4Error.INCOMPLETE_BODY,
        "You did not provide the number of bytes specified by the Content-Length HTTP header",
        SigV4Exception.ordered(
            "NumberBytesExpected",
            Long.toString(decodedLength),
            "NumberBytesProvided",
            Long.toString(provided)));
  }

  private static SigV4Exception incomplete(String detail) {
    return new SigV4Exception(
        SigV4Error.INCOMPLETE_BODY, TERMINATED, SigV4Exception.ordered("Detail", detail));
  }

  private static SigV4Exception malformedTrailer() {
    // spec: S3's text (scality/Arsenal#2596, versity/versitygw#1690)
    return new SigV4Exception(
        SigV4Error.MALFORMED_TRAILER,
        "The request contained trailing data that was not well-formed or did not conform to our"
            + " published schema.");
  }
}
