package dev.gatehouse.objects;

import dev.gatehouse.core.objects.ByteRange;
import dev.gatehouse.core.objects.CompletedPart;
import dev.gatehouse.core.objects.ListRequest;
import dev.gatehouse.core.objects.ListResult;
import dev.gatehouse.core.objects.MeasuredBody;
import dev.gatehouse.core.objects.MultipartRules;
import dev.gatehouse.core.objects.ObjectAttributes;
import dev.gatehouse.core.objects.ObjectContent;
import dev.gatehouse.core.objects.ObjectError;
import dev.gatehouse.core.objects.ObjectInfo;
import dev.gatehouse.core.objects.ObjectKeys;
import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.core.objects.ObjectWrite;
import dev.gatehouse.core.objects.PartInfo;
import dev.gatehouse.core.objects.Upload;
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
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * An {@link ObjectStore} over any S3-compatible backend (Ceph RGW, Garage, SeaweedFS, MinIO, AWS
 * S3): each call becomes one backend request, re-signed with the backend's own credentials (SigV4
 * through the sigv4 module's {@link Signer}) and sent with the JDK's {@link HttpClient}.
 *
 * <p>A location is the backend bucket's name ({@link S3Backend#backendBucket}); backend keys are
 * the object keys, so an existing bucket's objects are visible as they are. Listing, multipart and
 * tags are the backend's; CompleteMultipartUpload is first checked here under {@link
 * MultipartRules}, so every store refuses the same part lists with the same codes.
 *
 * <p>Bodies are spooled: a PUT or part streams its body into an owner-only temporary file while
 * computing its SHA-256 (which the signature covers, so the request is signed even over plain HTTP)
 * and MD5, then streams the file to the backend. Nothing is held in memory, and a body that fails
 * mid-way (a forged chunk, a short body) fails before any request is sent, so the backend stores
 * nothing; the upload a failed part belonged to stays open, as in the embedded store. The price is
 * one local disk write per byte uploaded. GETs stream the backend's response through.
 */
public final class S3BackendStore implements ObjectStore {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
  private static final String META = "x-amz-meta-";

  private final S3Backend backend;
  private final HttpClient http;
  private final Path spoolDir;
  private final Clock clock;
  private final Signer signer = new Signer(new SigningKeyCache(64));
  private final SignerOptions options = new SignerOptions(PathStyle.AS_RECEIVED, true, true);

  /**
   * @param spoolDir where bodies are spooled while their hash is computed (for example {@code <data
   *     dir>/spool})
   */
  public S3BackendStore(S3Backend backend, HttpClient http, Path spoolDir, Clock clock) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.http = Objects.requireNonNull(http, "http");
    this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A request body: none, bytes, or a spooled file with its hashes. */
  private record Body(HttpRequest.BodyPublisher publisher, String sha256, String md5) {
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

  /** A body spooled to a temporary file, deleted on close. */
  private final class Spool implements AutoCloseable {
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

  private static String query(String... pairs) {
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

  private <T> HttpResponse<T> send(
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

  private HttpResponse<byte[]> call(
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

  private static ObjectStoreException failure(
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

  private static List<Header> attributeHeaders(ObjectAttributes a) {
    List<Header> h = new ArrayList<>();
    h.add(new Header("content-type", a.contentType()));
    a.userMetadata().forEach((k, v) -> h.add(new Header(META + k, v)));
    if (!a.tags().isEmpty()) {
      h.add(new Header("x-amz-tagging", tagQuery(a.tags())));
    }
    return h;
  }

  private static String tagQuery(Map<String, String> tags) {
    StringBuilder b = new StringBuilder();
    tags.forEach(
        (k, v) -> {
          if (b.length() > 0) {
            b.append('&');
          }
          b.append(uriEncode(k, false)).append('=').append(uriEncode(v, false));
        });
    return b.toString();
  }

  private static String etagOf(HttpResponse<?> r) {
    return bare(r.headers().firstValue("etag").orElse(""));
  }

  private static String bare(String etag) {
    String e = etag.trim();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")
        ? e.substring(1, e.length() - 1)
        : e;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  // ---- buckets --------------------------------------------------------------------------------

  @Override
  public String createBucket(String bucket) {
    String name = backend.backendBucket(bucket);
    List<Header> h = new ArrayList<>();
    Body body = Body.none();
    if (!backend.region().equals("us-east-1")) {
      body =
          Body.of(
              ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                      + "<LocationConstraint>"
                      + S3Xml.escape(backend.region())
                      + "</LocationConstraint></CreateBucketConfiguration>")
                  .getBytes(StandardCharsets.UTF_8));
    }
    try {
      call("PUT", name, "", "", h, body);
    } catch (ObjectStoreException e) {
      // Adopting a bucket the backend credentials already own is how existing data is served.
      if (!e.getMessage().contains("BucketAlreadyOwnedByYou")) {
        throw e;
      }
    }
    return name;
  }

  @Override
  public void deleteBucket(String location) {
    call("DELETE", location, "", "", List.of(), Body.none());
  }

  // ---- objects --------------------------------------------------------------------------------

  @Override
  public ObjectInfo put(String location, ObjectWrite write, InputStream body) {
    MultipartRules.requirePutSize(write.length());
    try (Spool spool = new Spool(body, write.length())) {
      HttpResponse<byte[]> r =
          call("PUT", location, write.key(), "", attributeHeaders(write.attributes()), spool.body);
      String etag = etagOf(r);
      return new ObjectInfo(
          write.key(),
          write.length(),
          etag.isEmpty() ? spool.body.md5() : etag,
          now(),
          write.attributes());
    }
  }

  @Override
  public ObjectContent get(String location, String key) {
    return fetch(location, key, List.of(), null);
  }

  @Override
  public ObjectContent get(String location, String key, ByteRange range) {
    String header;
    if (range instanceof ByteRange.FromTo r) {
      header = "bytes=" + r.first() + "-" + r.last();
    } else if (range instanceof ByteRange.From r) {
      header = "bytes=" + r.first() + "-";
    } else {
      header = "bytes=-" + ((ByteRange.Suffix) range).length();
    }
    return fetch(location, key, List.of(new Header("range", header)), range);
  }

  private ObjectContent fetch(String location, String key, List<Header> headers, ByteRange range) {
    ObjectKeys.requireValid(key);
    HttpResponse<InputStream> r =
        send(
            "GET",
            location,
            key,
            "",
            headers,
            Body.none(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() >= 300) {
      byte[] error;
      try (InputStream in = r.body()) {
        error = in.readAllBytes();
      } catch (IOException e) {
        error = new byte[0];
      }
      throw failure(r.statusCode(), error, "GET", location, key);
    }
    long length = r.headers().firstValueAsLong("content-length").orElse(0);
    ByteRange.Span span;
    long size;
    Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("content-range").orElse(""));
    if (r.statusCode() == 206 && m.matches()) {
      span = new ByteRange.Span(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
      size = Long.parseLong(m.group(3));
    } else {
      size = length;
      span = range == null ? ByteRange.Span.whole(size) : range.resolve(size);
      if (range != null && (span.first() != 0 || span.last() != size - 1)) {
        // A backend that ignored the Range header: serve the span ourselves.
        return new ObjectContent(info(key, r, size, Map.of()), span, slice(r.body(), span));
      }
    }
    return new ObjectContent(info(key, r, size, Map.of()), span, r.body());
  }

  static InputStream slice(InputStream in, ByteRange.Span span) {
    try {
      in.skipNBytes(span.first());
    } catch (IOException e) {
      throw ObjectStoreException.internal("the S3 backend's answer ended early", e);
    }
    return new java.io.FilterInputStream(in) {
      private long left = span.length();

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }

  private ObjectInfo info(String key, HttpResponse<?> r, long size, Map<String, String> tags) {
    Map<String, String> meta = new TreeMap<>();
    r.headers()
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.startsWith(META) && !values.isEmpty()) {
                meta.put(lower.substring(META.length()), values.get(0));
              }
            });
    Instant modified = now();
    String lm = r.headers().firstValue("last-modified").orElse("");
    try {
      if (!lm.isEmpty()) {
        modified = ZonedDateTime.parse(lm, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      }
    } catch (DateTimeParseException e) {
      modified = now();
    }
    return new ObjectInfo(
        key,
        size,
        etagOf(r),
        modified,
        new ObjectAttributes(
            r.headers().firstValue("content-type").orElse(""), meta, Map.of(), tags));
  }

  @Override
  public ObjectInfo head(String location, String key) {
    ObjectKeys.requireValid(key);
    HttpResponse<byte[]> r = call("HEAD", location, key, "", List.of(), Body.none());
    long size = r.headers().firstValueAsLong("content-length").orElse(0);
    return info(key, r, size, tags(location, key));
  }

  private Map<String, String> tags(String location, String key) {
    HttpResponse<byte[]> r;
    try {
      r = call("GET", location, key, "tagging=", List.of(), Body.none());
    } catch (ObjectStoreException e) {
      if (e.error() == ObjectError.NOT_IMPLEMENTED) {
        return Map.of(); // a backend without object tagging has no tags to report
      }
      throw e;
    }
    Map<String, String> tags = new TreeMap<>();
    Element root = S3Xml.parse(r.body());
    for (Element set : S3Xml.children(root, "TagSet")) {
      for (Element tag : S3Xml.children(set, "Tag")) {
        tags.put(S3Xml.textOr(tag, "Key", ""), S3Xml.textOr(tag, "Value", ""));
      }
    }
    return tags;
  }

  @Override
  public void delete(String location, String key) {
    ObjectKeys.requireValid(key);
    call("DELETE", location, key, "", List.of(), Body.none());
  }

  @Override
  public ListResult list(String location, ListRequest request) {
    HttpResponse<byte[]> r =
        call(
            "GET",
            location,
            "",
            query(
                "continuation-token",
                request.continuationToken().isEmpty() ? null : request.continuationToken(),
                "delimiter",
                request.delimiter().isEmpty() ? null : request.delimiter(),
                "list-type",
                "2",
                "max-keys",
                Integer.toString(request.maxKeys()),
                "prefix",
                request.prefix().isEmpty() ? null : request.prefix(),
                "start-after",
                request.startAfter().isEmpty() ? null : request.startAfter()),
            List.of(),
            Body.none());
    Element root = S3Xml.parse(r.body());
    List<ObjectInfo> objects = new ArrayList<>();
    String marker = "";
    for (Element c : S3Xml.children(root, "Contents")) {
      String key = S3Xml.textOr(c, "Key", "");
      objects.add(
          new ObjectInfo(
              key,
              Long.parseLong(S3Xml.textOr(c, "Size", "0")),
              bare(S3Xml.textOr(c, "ETag", "")),
              instant(S3Xml.textOr(c, "LastModified", "")),
              ObjectAttributes.none()));
      marker = key;
    }
    List<String> prefixes = new ArrayList<>();
    for (Element p : S3Xml.children(root, "CommonPrefixes")) {
      String prefix = S3Xml.textOr(p, "Prefix", "");
      prefixes.add(prefix);
      if (prefix.compareTo(marker) > 0) {
        marker = prefix;
      }
    }
    boolean truncated = Boolean.parseBoolean(S3Xml.textOr(root, "IsTruncated", "false"));
    return new ListResult(
        objects,
        prefixes,
        truncated,
        truncated ? S3Xml.textOr(root, "NextContinuationToken", "") : "",
        marker);
  }

  private Instant instant(String iso) {
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return now();
    }
  }

  @Override
  public ObjectInfo copy(String sourceLocation, String sourceKey, String location, String key) {
    return copy(
        sourceLocation,
        sourceKey,
        location,
        key,
        List.of(new Header("x-amz-metadata-directive", "COPY")));
  }

  @Override
  public ObjectInfo copy(
      String sourceLocation,
      String sourceKey,
      String location,
      String key,
      ObjectAttributes attributes) {
    List<Header> h = new ArrayList<>(attributeHeaders(attributes));
    h.add(new Header("x-amz-metadata-directive", "REPLACE"));
    try {
      List<Header> withTags = new ArrayList<>(h);
      withTags.add(new Header("x-amz-tagging-directive", "REPLACE"));
      return copy(sourceLocation, sourceKey, location, key, withTags);
    } catch (ObjectStoreException e) {
      if (e.error() != ObjectError.NOT_IMPLEMENTED || !attributes.tags().isEmpty()) {
        throw e;
      }
      // A backend without object tagging has no tags to replace.
      return copy(sourceLocation, sourceKey, location, key, h);
    }
  }

  private ObjectInfo copy(
      String sourceLocation, String sourceKey, String location, String key, List<Header> headers) {
    ObjectKeys.requireValid(sourceKey);
    ObjectKeys.requireValid(key);
    List<Header> h = new ArrayList<>(headers);
    h.add(
        new Header(
            "x-amz-copy-source",
            "/" + uriEncode(sourceLocation, false) + "/" + uriEncode(sourceKey, true)));
    call("PUT", location, key, "", h, Body.none());
    return head(location, key);
  }

  @Override
  public ObjectInfo putTags(String location, String key, Map<String, String> tags) {
    ObjectKeys.requireValid(key);
    if (tags.isEmpty()) {
      call("DELETE", location, key, "tagging=", List.of(), Body.none());
    } else {
      StringBuilder xml =
          new StringBuilder("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>");
      new TreeMap<>(tags)
          .forEach(
              (k, v) ->
                  xml.append("<Tag><Key>")
                      .append(S3Xml.escape(k))
                      .append("</Key><Value>")
                      .append(S3Xml.escape(v))
                      .append("</Value></Tag>"));
      xml.append("</TagSet></Tagging>");
      Body body = Body.of(xml.toString().getBytes(StandardCharsets.UTF_8));
      call(
          "PUT",
          location,
          key,
          "tagging=",
          List.of(new Header("content-md5", base64Md5(body))),
          body);
    }
    return head(location, key);
  }

  private static String base64Md5(Body body) {
    return java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(body.md5()));
  }

  // ---- multipart ------------------------------------------------------------------------------

  @Override
  public Upload createUpload(String location, String key, ObjectAttributes attributes) {
    ObjectKeys.requireValid(key);
    HttpResponse<byte[]> r =
        call("POST", location, key, "uploads=", attributeHeaders(attributes), Body.none());
    String id = S3Xml.textOr(S3Xml.parse(r.body()), "UploadId", "");
    if (id.isEmpty()) {
      throw ObjectStoreException.internal("the S3 backend returned no UploadId", null);
    }
    return new Upload(id, key, now());
  }

  @Override
  public PartInfo uploadPart(
      String location, String key, String uploadId, int partNumber, long length, InputStream body) {
    MultipartRules.requirePartNumber(partNumber);
    MultipartRules.requirePartSize(length);
    ObjectKeys.requireValid(key);
    requireUpload(location, key, uploadId);
    try (Spool spool = new Spool(body, length)) {
      HttpResponse<byte[]> r =
          call(
              "PUT",
              location,
              key,
              query("partNumber", Integer.toString(partNumber), "uploadId", uploadId),
              List.of(),
              spool.body);
      String etag = etagOf(r);
      return new PartInfo(partNumber, etag.isEmpty() ? spool.body.md5() : etag, length, now());
    }
  }

  /**
   * {@code NoSuchUpload} unless the upload is in progress: checked here through
   * ListMultipartUploads, before a part's body is spooled, because some backends accept parts for
   * (and list the parts of) uploads already aborted or completed.
   */
  private void requireUpload(String location, String key, String uploadId) {
    for (Upload u : listUploads(location, key)) {
      if (u.uploadId().equals(uploadId) && u.key().equals(key)) {
        return;
      }
    }
    throw new ObjectStoreException(
        ObjectError.NO_SUCH_UPLOAD,
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have"
            + " been aborted or completed: "
            + uploadId);
  }

  @Override
  public List<PartInfo> listParts(String location, String key, String uploadId) {
    ObjectKeys.requireValid(key);
    requireUpload(location, key, uploadId);
    List<PartInfo> parts = new ArrayList<>();
    String marker = null;
    while (true) {
      HttpResponse<byte[]> r =
          call(
              "GET",
              location,
              key,
              query("part-number-marker", marker, "uploadId", uploadId),
              List.of(),
              Body.none());
      Element root = S3Xml.parse(r.body());
      for (Element p : S3Xml.children(root, "Part")) {
        parts.add(
            new PartInfo(
                Integer.parseInt(S3Xml.textOr(p, "PartNumber", "0")),
                bare(S3Xml.textOr(p, "ETag", "")),
                Long.parseLong(S3Xml.textOr(p, "Size", "0")),
                instant(S3Xml.textOr(p, "LastModified", ""))));
      }
      String next = S3Xml.textOr(root, "NextPartNumberMarker", "");
      if (!Boolean.parseBoolean(S3Xml.textOr(root, "IsTruncated", "false")) || next.isEmpty()) {
        return parts;
      }
      marker = next;
    }
  }

  @Override
  public List<Upload> listUploads(String location, String prefix) {
    List<Upload> uploads = new ArrayList<>();
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      HttpResponse<byte[]> r =
          call(
              "GET",
              location,
              "",
              query(
                  "key-marker",
                  keyMarker,
                  "prefix",
                  prefix.isEmpty() ? null : prefix,
                  "upload-id-marker",
                  idMarker,
                  "uploads",
                  ""),
              List.of(),
              Body.none());
      Element root = S3Xml.parse(r.body());
      for (Element u : S3Xml.children(root, "Upload")) {
        uploads.add(
            new Upload(
                S3Xml.textOr(u, "UploadId", ""),
                S3Xml.textOr(u, "Key", ""),
                instant(S3Xml.textOr(u, "Initiated", ""))));
      }
      if (!Boolean.parseBoolean(S3Xml.textOr(root, "IsTruncated", "false"))) {
        return uploads;
      }
      keyMarker = S3Xml.textOr(root, "NextKeyMarker", "");
      idMarker = S3Xml.textOr(root, "NextUploadIdMarker", "");
    }
  }

  @Override
  public ObjectInfo completeUpload(
      String location, String key, String uploadId, List<CompletedPart> parts) {
    Map<Integer, PartInfo> uploaded = new TreeMap<>();
    for (PartInfo p : listParts(location, key, uploadId)) {
      uploaded.put(p.partNumber(), p);
    }
    List<PartInfo> chosen = MultipartRules.select(parts, uploaded);
    StringBuilder xml =
        new StringBuilder(
            "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    for (PartInfo p : chosen) {
      xml.append("<Part><PartNumber>")
          .append(p.partNumber())
          .append("</PartNumber><ETag>\"")
          .append(S3Xml.escape(p.etag()))
          .append("\"</ETag></Part>");
    }
    xml.append("</CompleteMultipartUpload>");
    call(
        "POST",
        location,
        key,
        query("uploadId", uploadId),
        List.of(new Header("content-type", "application/xml")),
        Body.of(xml.toString().getBytes(StandardCharsets.UTF_8)));
    return head(location, key);
  }

  @Override
  public void abortUpload(String location, String key, String uploadId) {
    ObjectKeys.requireValid(key);
    call("DELETE", location, key, query("uploadId", uploadId), List.of(), Body.none());
  }
}
