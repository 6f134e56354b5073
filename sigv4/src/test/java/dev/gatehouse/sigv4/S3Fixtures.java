package dev.gatehouse.sigv4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test-side S3 signing and aws-chunked encoding, written from the S3 API Reference independently of
 * the decoder: a request signer with S3's payload line, and an encoder that frames a body in chunks
 * of given sizes, signed (chained with {@link ChunkSigner}) or not, with optional trailers.
 */
final class S3Fixtures {
  static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final SecretAccessKey SECRET =
      new SecretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  static final Instant TIME = Instant.parse("2026-01-15T10:00:00Z");
  static final String AMZ_DATE = AmzDate.format(TIME);
  static final CredentialScope SCOPE = CredentialScope.of(AmzDate.day(AMZ_DATE), "us-east-1", "s3");
  static final SigningKeyCache KEYS = new SigningKeyCache(16);
  static final S3SigV4Verifier VERIFIER =
      new S3SigV4Verifier(S3SigV4Verifier.policy(Set.of("us-east-1")), KEYS);
  static final ChunkSigner CHUNK_SIGNER =
      new ChunkSigner(KEYS.signingKey(SECRET, SCOPE), AMZ_DATE, SCOPE);

  private S3Fixtures() {}

  /** A PUT to {@code /bucket/key} with these extra headers, signed in header mode at TIME. */
  static S3Request signedPut(String payloadLine, List<Header> extra) {
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", "bucket.s3.amazonaws.com"));
    headers.add(new Header("x-amz-date", AMZ_DATE));
    headers.add(new Header("x-amz-content-sha256", payloadLine));
    headers.addAll(extra);
    return sign(new S3Request("PUT", "/bucket/key", "", headers), payloadLine);
  }

  /** Adds {@code Authorization}, signing every header present with S3's rules. */
  static S3Request sign(S3Request request, String payloadLine) {
    TreeSet<String> names = new TreeSet<>();
    for (Header header : request.headers()) {
      names.add(header.name().toLowerCase(java.util.Locale.ROOT));
    }
    List<String> signed = List.copyOf(names);
    String creq =
        Canonicalizer.canonicalRequest(
            request.asSignedRequest(), signed, PathStyle.S3, payloadLine);
    String sts = SignatureCalculator.stringToSign(AMZ_DATE, SCOPE, creq);
    String signature = SignatureCalculator.signature(KEYS.signingKey(SECRET, SCOPE), sts);
    List<Header> headers = new ArrayList<>(request.headers());
    headers.add(
        new Header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + KEY_ID
                + "/"
                + SCOPE.value()
                + ", SignedHeaders="
                + String.join(";", signed)
                + ", Signature="
                + signature));
    return new S3Request(request.method(), request.rawPath(), request.rawQuery(), headers);
  }

  /** A presigned GET of {@code /bucket/key} for {@code expiresSeconds}, with an optional token. */
  static S3Request presignedGet(long expiresSeconds, String token) {
    String query =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
            + UriEncoding.encode(KEY_ID + "/" + SCOPE.value(), false)
            + "&X-Amz-Date="
            + AMZ_DATE
            + "&X-Amz-Expires="
            + expiresSeconds
            + (token.isEmpty() ? "" : "&X-Amz-Security-Token=" + UriEncoding.encode(token, false))
            + "&X-Amz-SignedHeaders=host";
    List<Header> headers = List.of(new Header("Host", "bucket.s3.amazonaws.com"));
    S3Request unsigned = new S3Request("GET", "/bucket/key", query, headers);
    String creq =
        Canonicalizer.canonicalRequest(
            unsigned.asSignedRequest(), List.of("host"), PathStyle.S3, "UNSIGNED-PAYLOAD");
    String signature =
        SignatureCalculator.signature(
            KEYS.signingKey(SECRET, SCOPE),
            SignatureCalculator.stringToSign(AMZ_DATE, SCOPE, creq));
    return new S3Request("GET", "/bucket/key", query + "&X-Amz-Signature=" + signature, headers);
  }

  static String signature(S3Request request) {
    return S3SigV4Verifier.parse(request).signature();
  }

  static S3Authentication verify(S3Request request) {
    return VERIFIER.verify(S3SigV4Verifier.parse(request), request, SECRET, TIME);
  }

  /**
   * Frames {@code body} as aws-chunked: data chunks of {@code sizes} (which must add up to the
   * body's length), then the zero chunk, then {@code trailers}. Signed when {@code seed} is not
   * empty.
   */
  static byte[] encode(
      byte[] body,
      List<Integer> sizes,
      String seed,
      Map<String, String> trailers,
      boolean trailer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean signed = !seed.isEmpty();
    String previous = seed;
    int offset = 0;
    List<Integer> all = new ArrayList<>(sizes);
    all.add(0);
    for (int size : all) {
      byte[] data = java.util.Arrays.copyOfRange(body, offset, offset + size);
      offset += size;
      String header = Integer.toHexString(size);
      if (signed) {
        previous = CHUNK_SIGNER.chunkSignature(previous, Hashing.sha256(data));
        header += ";chunk-signature=" + previous;
      }
      write(out, header + "\r\n");
      out.writeBytes(data);
      if (size > 0) {
        write(out, "\r\n");
      }
    }
    StringBuilder canonical = new StringBuilder();
    for (Map.Entry<String, String> t : trailers.entrySet()) {
      write(out, t.getKey() + ":" + t.getValue() + "\r\n");
      canonical.append(ChunkSigner.canonicalTrailer(t.getKey(), t.getValue()));
    }
    if (signed && trailer) {
      write(
          out,
          "x-amz-trailer-signature:"
              + CHUNK_SIGNER.trailerSignature(previous, canonical.toString())
              + "\r\n");
    }
    write(out, "\r\n");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads everything, in reads of {@code step} bytes. */
  static byte[] readAll(InputStream in, int step) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[step];
    try {
      int n;
      while ((n = in.read(buffer, 0, step)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
