package dev.gatehouse.objects;

import dev.gatehouse.core.objects.MeasuredBody;
import dev.gatehouse.core.objects.MultipartRules;
import dev.gatehouse.core.objects.ObjectError;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.PathStyle;
import dev.gatehouse.sigv4.SignedRequest;
import dev.gatehouse.sigv4.Signer;
import dev.gatehouse.sigv4.SignerOptions;
import dev.gatehouse.sigv4.SigningKeyCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Element;

/**
 * The wire side of {@link S3BackendStore}: request bodies (bytes or spooled files with their
 * hashes), S3's URI encoding, SigV4 signing with the backend's own credentials, sending through the
 * JDK's {@link HttpClient}, and mapping the backend's failures to {@link ObjectStoreException}.
 */
final class BackendWire {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private final S3Backend backend;
  private final HttpClient http;
  private final Path spoolDir;
  private final Clock clock;
  private final Signer signer = new Signer(new SigningKeyCache(64));
  private final SignerOptions options = new SignerOptions(PathStyle.AS_RECEIVED, true, true);

  BackendWire(S3Backend backend, HttpClient http, Path spoolDir, Clock clock) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.http = Objects.requireNonNull(http, "http");
    this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A request body: none, bytes, or a spooled file with its hashes. */
  record Body(HttpRequest.BodyPublisher publisher, String sha256, String md5) {
    static Body none() {
      return new Body(HttpRequest.BodyPublishers.noBody(), EMPTY_SHA256, "");
    }

    static Body of(byte[] bytes) {
      return new Body(
          HttpRequest.BodyPublishers.ofByteArray(bytes),
          HexFormat.of().formatHex(newSha256().digest(bytes)),
          MultipartRules.md5Hex(bytes));
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * Spools {@code source} (exactly {@code length} bytes) to a temporary file under the spool dir.
   */
  Spool spool(InputStream source, long length) {
    return new Spool(source, length);
  }

  /** A body spooled to a temporary file, deleted on close. */
  final class Spool implements AutoCloseable {
    private final Path file;
    private final Body body;

    Spool(InputStream source, long length) {
      MeasuredBody measured = new MeasuredBody(source, length);
      MessageDigest sha = newSha256();
      Path f;
      try {
        Files.createDirectories(spoolDir);
        f = Files.createTempFile(spoolDir, "spool-", ".part");
      } catch (IOException e) {
        throw ObjectStoreException.internal("cannot create a spool file in " + spoolDir, e);
      }
      try (OutputStream out = Files.newOutputStream(f)) {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = measured.read(buf)) > 0) {
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      } catch (IOException e) {
        deleteQuietly(f);
        throw ObjectStoreException.internal("cannot spool a request body to " + spoolDir, e);
      } catch (RuntimeException | Error e) {
        deleteQuietly(f);
        throw e;
      }
      this.file = f;
      try {
        this.body =
            new Body(
                HttpRequest.BodyPublishers.ofFile(f),
                HexFormat.of().formatHex(sha.digest()),
                measured.md5Hex());
      } catch (IOException e) {
        deleteQuietly(f);
        throw ObjectStoreException.internal("cannot read back spool file " + f, e);
      }
    }

    /** The spooled body: its file publisher, SHA-256 and MD5. */
    Body body() {
      return body;
    }

    @Override
    public void close() {
      deleteQuietly(file);
    }
  }

  private static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      // The spool directory is the process's own; a leftover file holds no visible object.
    }
  }

  // ---- the wire -------------------------------------------------------------------------------

  /** S3's UriEncode: every byte but {@code A-Za-z0-9-_.~} (and {@code /} when kept) as %XX. */
  static String uriEncode(String text, boolean keepSlash) {
    StringBuilder b = new StringBuilder();
    for (byte raw : text.getBytes(StandardCharsets.UTF_8)) {
      int c = raw & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (keepSlash && c == '/')) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  static String query(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        continue;
      }
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(uriEncode(pairs[i], false)).append('=').append(uriEncode(pairs[i + 1], false));
    }
    return b.toString();
  }

  <T> HttpResponse<T> send(
      String method,
      String bucket,
      String key,
      String rawQuery,
      List<Header> headers,
      Body body,
      HttpResponse.BodyHandler<T> handler) {
    String path = "/" + bucket + (key.isEmpty() ? "" : "/" + key);
    String wirePath =
        "/" + uriEncode(bucket, false) + (key.isEmpty() ? "" : "/" + uriEncode(key, true));
    URI base = backend.endpoint();
    String authority = base.getRawAuthority();
    String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    List<Header> all = new ArrayList<>();
    all.add(new Header("host", authority));
    all.addAll(headers);
    // S3 signs the path encoded once (no normalisation): the signer encodes what it is given.
    SignedRequest request =
        new SignedRequest(method, basePath + path, rawQuery, all, body.sha256());
    SignedRequest signed =
        signer
            .signHeaders(
                request, backend.credentials(), backend.region(), "s3", clock.instant(), options)
            .request();
    URI uri =
        URI.create(
            base.getScheme()
                + "://"
                + authority
                + basePath
                + wirePath
                + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, body.publisher());
    for (Header h : signed.headers()) {
      if (!h.is("host")) {
        b.header(h.name(), h.value());
      }
    }
    try {
      return http.send(b.build(), handler);
    } catch (IOException e) {
      throw ObjectStoreException.internal(
          "the S3 backend did not answer " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ObjectStoreException.internal("interrupted while calling the S3 backend", e);
    }
  }

  HttpResponse<byte[]> call(
      String method, String bucket, String key, String rawQuery, List<Header> headers, Body body) {
    HttpResponse<byte[]> r =
        send(method, bucket, key, rawQuery, headers, body, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() >= 300) {
      throw failure(r.statusCode(), r.body(), method, bucket, key);
    }
    // spec: CompleteMultipartUpload and CopyObject may answer 200 with an Error document.
    byte[] bytes = r.body();
    if (bytes.length > 0
        && new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8)
            .contains("<Error>")) {
      throw failure(500, bytes, method, bucket, key);
    }
    return r;
  }

  static ObjectStoreException failure(
      int status, byte[] body, String method, String bucket, String key) {
    String code = "";
    String message = "";
    if (body != null && body.length > 0) {
      try {
        Element e = S3Xml.parse(body);
        code = S3Xml.textOr(e, "Code", "");
        message = S3Xml.textOr(e, "Message", "");
      } catch (ObjectStoreException unparsable) {
        message = "";
      }
    }
    ObjectError error = code.isEmpty() ? byStatus(status, key) : ObjectError.fromCode(code);
    String where = method + " " + bucket + (key.isEmpty() ? "" : "/" + key);
    return new ObjectStoreException(
        error,
        (message.isEmpty() ? error.code() : message)
            + " (S3 backend: "
            + where
            + ", HTTP "
            + status
            + (code.isEmpty() ? "" : ", " + code)
            + ")");
  }

  private static ObjectError byStatus(int status, String key) {
    return switch (status) {
      case 404 -> key.isEmpty() ? ObjectError.NO_SUCH_BUCKET : ObjectError.NO_SUCH_KEY;
      case 416 -> ObjectError.INVALID_RANGE;
      default -> ObjectError.INTERNAL_ERROR;
    };
  }
}
