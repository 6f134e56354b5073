package dev.gatehouse.objects;

import dev.gatehouse.core.objects.ByteRange;
import dev.gatehouse.core.objects.CompletedPart;
import dev.gatehouse.core.objects.ListRequest;
import dev.gatehouse.core.objects.ListResult;
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
import dev.gatehouse.sigv4.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

  private final S3Backend backend;
  private final Clock clock;
  private final BackendWire wire;

  /**
   * @param spoolDir where bodies are spooled while their hash is computed (for example {@code <data
   *     dir>/spool})
   */
  public S3BackendStore(S3Backend backend, HttpClient http, Path spoolDir, Clock clock) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.wire = new BackendWire(backend, http, spoolDir, clock);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  // ---- buckets --------------------------------------------------------------------------------

  @Override
  public String createBucket(String bucket) {
    String name = backend.backendBucket(bucket);
    List<Header> h = new ArrayList<>();
    BackendWire.Body body = BackendWire.Body.none();
    if (!backend.region().equals("us-east-1")) {
      body =
          BackendWire.Body.of(
              ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                      + "<LocationConstraint>"
                      + S3Xml.escape(backend.region())
                      + "</LocationConstraint></CreateBucketConfiguration>")
                  .getBytes(StandardCharsets.UTF_8));
    }
    try {
      wire.call("PUT", name, "", "", h, body);
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
    wire.call("DELETE", location, "", "", List.of(), BackendWire.Body.none());
  }

  // ---- objects --------------------------------------------------------------------------------

  @Override
  public ObjectInfo put(String location, ObjectWrite write, InputStream body) {
    MultipartRules.requirePutSize(write.length());
    try (BackendWire.Spool spool = wire.spool(body, write.length())) {
      HttpResponse<byte[]> r =
          wire.call(
              "PUT",
              location,
              write.key(),
              "",
              S3Headers.attributeHeaders(write.attributes()),
              spool.body());
      String etag = S3Headers.etagOf(r);
      return new ObjectInfo(
          write.key(),
          write.length(),
          etag.isEmpty() ? spool.body().md5() : etag,
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
        wire.send(
            "GET",
            location,
            key,
            "",
            headers,
            BackendWire.Body.none(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() >= 300) {
      byte[] error;
      try (InputStream in = r.body()) {
        error = in.readAllBytes();
      } catch (IOException e) {
        error = new byte[0];
      }
      throw BackendWire.failure(r.statusCode(), error, "GET", location, key);
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
        return new ObjectContent(
            S3Headers.info(key, r, size, Map.of(), this::now), span, slice(r.body(), span));
      }
    }
    return new ObjectContent(S3Headers.info(key, r, size, Map.of(), this::now), span, r.body());
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

  @Override
  public ObjectInfo head(String location, String key) {
    ObjectKeys.requireValid(key);
    HttpResponse<byte[]> r =
        wire.call("HEAD", location, key, "", List.of(), BackendWire.Body.none());
    long size = r.headers().firstValueAsLong("content-length").orElse(0);
    return S3Headers.info(key, r, size, tags(location, key), this::now);
  }

  private Map<String, String> tags(String location, String key) {
    HttpResponse<byte[]> r;
    try {
      r = wire.call("GET", location, key, "tagging=", List.of(), BackendWire.Body.none());
    } catch (ObjectStoreException e) {
      if (e.error() == ObjectError.NOT_IMPLEMENTED) {
        return Map.of(); // a backend without object tagging has no tags to report
      }
      throw e;
    }
    return S3Listings.tagSet(r.body());
  }

  @Override
  public void delete(String location, String key) {
    ObjectKeys.requireValid(key);
    wire.call("DELETE", location, key, "", List.of(), BackendWire.Body.none());
  }

  @Override
  public ListResult list(String location, ListRequest request) {
    HttpResponse<byte[]> r =
        wire.call(
            "GET",
            location,
            "",
            BackendWire.query(
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
            BackendWire.Body.none());
    return S3Listings.objects(r.body(), this::now);
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
    List<Header> h = new ArrayList<>(S3Headers.attributeHeaders(attributes));
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
            "/"
                + BackendWire.uriEncode(sourceLocation, false)
                + "/"
                + BackendWire.uriEncode(sourceKey, true)));
    wire.call("PUT", location, key, "", h, BackendWire.Body.none());
    return head(location, key);
  }

  @Override
  public ObjectInfo putTags(String location, String key, Map<String, String> tags) {
    ObjectKeys.requireValid(key);
    if (tags.isEmpty()) {
      wire.call("DELETE", location, key, "tagging=", List.of(), BackendWire.Body.none());
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
      BackendWire.Body body = BackendWire.Body.of(xml.toString().getBytes(StandardCharsets.UTF_8));
      wire.call(
          "PUT",
          location,
          key,
          "tagging=",
          List.of(new Header("content-md5", base64Md5(body))),
          body);
    }
    return head(location, key);
  }

  private static String base64Md5(BackendWire.Body body) {
    return java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(body.md5()));
  }

  // ---- multipart ------------------------------------------------------------------------------

  @Override
  public Upload createUpload(String location, String key, ObjectAttributes attributes) {
    ObjectKeys.requireValid(key);
    HttpResponse<byte[]> r =
        wire.call(
            "POST",
            location,
            key,
            "uploads=",
            S3Headers.attributeHeaders(attributes),
            BackendWire.Body.none());
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
    try (BackendWire.Spool spool = wire.spool(body, length)) {
      HttpResponse<byte[]> r =
          wire.call(
              "PUT",
              location,
              key,
              BackendWire.query("partNumber", Integer.toString(partNumber), "uploadId", uploadId),
              List.of(),
              spool.body());
      String etag = S3Headers.etagOf(r);
      return new PartInfo(partNumber, etag.isEmpty() ? spool.body().md5() : etag, length, now());
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
          wire.call(
              "GET",
              location,
              key,
              BackendWire.query("part-number-marker", marker, "uploadId", uploadId),
              List.of(),
              BackendWire.Body.none());
      S3Listings.PartsPage page = S3Listings.parts(r.body(), this::now);
      parts.addAll(page.parts());
      if (page.nextMarker() == null) {
        return parts;
      }
      marker = page.nextMarker();
    }
  }

  @Override
  public List<Upload> listUploads(String location, String prefix) {
    List<Upload> uploads = new ArrayList<>();
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      HttpResponse<byte[]> r =
          wire.call(
              "GET",
              location,
              "",
              BackendWire.query(
                  "key-marker",
                  keyMarker,
                  "prefix",
                  prefix.isEmpty() ? null : prefix,
                  "upload-id-marker",
                  idMarker,
                  "uploads",
                  ""),
              List.of(),
              BackendWire.Body.none());
      S3Listings.UploadsPage page = S3Listings.uploads(r.body(), this::now);
      uploads.addAll(page.uploads());
      if (!page.truncated()) {
        return uploads;
      }
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
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
    wire.call(
        "POST",
        location,
        key,
        BackendWire.query("uploadId", uploadId),
        List.of(new Header("content-type", "application/xml")),
        BackendWire.Body.of(xml.toString().getBytes(StandardCharsets.UTF_8)));
    return head(location, key);
  }

  @Override
  public void abortUpload(String location, String key, String uploadId) {
    ObjectKeys.requireValid(key);
    wire.call(
        "DELETE",
        location,
        key,
        BackendWire.query("uploadId", uploadId),
        List.of(),
        BackendWire.Body.none());
  }
}
