package dev.gatehouse.api.s3;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.HttpDates;
import dev.gatehouse.api.Operation;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.objects.ByteRange;
import dev.gatehouse.core.objects.CompletedPart;
import dev.gatehouse.core.objects.ListRequest;
import dev.gatehouse.core.objects.ListResult;
import dev.gatehouse.core.objects.ObjectAttributes;
import dev.gatehouse.core.objects.ObjectContent;
import dev.gatehouse.core.objects.ObjectInfo;
import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.core.objects.ObjectWrite;
import dev.gatehouse.core.objects.PartInfo;
import dev.gatehouse.core.objects.Upload;
import dev.gatehouse.core.s3.Bucket;
import dev.gatehouse.core.s3.Buckets;
import dev.gatehouse.core.s3.CanonicalIds;
import dev.gatehouse.core.s3.ObjectRef;
import dev.gatehouse.core.s3.S3Check;
import dev.gatehouse.core.s3.S3Error;
import dev.gatehouse.core.s3.S3Operations;
import dev.gatehouse.core.s3.S3Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * S3's object-level operations (and the listings of a bucket's objects and uploads) over the {@link
 * ObjectStore}: bodies stream from the client through the authentication's checks into the store,
 * and from the store to the client.
 */
final class S3ObjectActions {
  private static final Set<String> SERVED =
      Set.of(
          "PutObject",
          "GetObject",
          "HeadObject",
          "DeleteObject",
          "CopyObject",
          "ListObjects",
          "ListObjectsV2",
          "CreateMultipartUpload",
          "UploadPart",
          "UploadPartCopy",
          "CompleteMultipartUpload",
          "AbortMultipartUpload",
          "ListParts",
          "ListMultipartUploads",
          "PutObjectTagging",
          "GetObjectTagging",
          "DeleteObjectTagging");

  private static final String META = "x-amz-meta-";

  private final Buckets buckets;
  private final ObjectStore store;

  S3ObjectActions(Buckets buckets, ObjectStore store) {
    this.buckets = buckets;
    this.store = store;
  }

  boolean serves(String operation) {
    return SERVED.contains(operation);
  }

  /** The tags of an existing object, for {@code s3:ExistingObjectTag/*}; empty when absent. */
  Map<String, String> existingTags(String bucket, String key) {
    Optional<Bucket> b = buckets.find(bucket);
    if (b.isEmpty() || key.isEmpty()) {
      return Map.of();
    }
    try {
      return store.head(b.get().location(), key).attributes().tags();
    } catch (ObjectStoreException e) {
      return Map.of();
    }
  }

  S3Reply run(S3Actions.Context c, Caller caller) {
    String location = buckets.get(c.bucket()).location();
    return switch (c.address().operation()) {
      case "PutObject" -> put(c, location);
      case "GetObject" -> get(c, location);
      case "HeadObject" -> head(c, location);
      case "DeleteObject" -> {
        store.delete(location, c.key());
        yield S3Replies.empty(204);
      }
      case "CopyObject" -> copy(c, location);
      case "ListObjectsV2" -> list(c, location, true);
      case "ListObjects" -> list(c, location, false);
      case "CreateMultipartUpload" -> {
        Upload upload = store.createUpload(location, c.key(), attributes(c));
        yield S3Replies.xml(
            new S3Xml.Writer()
                .root("InitiateMultipartUploadResult")
                .field("Bucket", c.bucket())
                .field("Key", c.key())
                .field("UploadId", upload.uploadId()));
      }
      case "UploadPart" -> {
        long length = declaredLength(c);
        PartInfo part =
            store.uploadPart(
                location,
                c.key(),
                c.query("uploadId"),
                partNumber(c),
                length,
                CheckedBody.of(c.body(), length));
        yield S3Replies.empty(200, S3Codec.header("ETag", quoted(part.etag())));
      }
      case "UploadPartCopy" -> uploadPartCopy(c, location);
      case "CompleteMultipartUpload" -> complete(c, location);
      case "AbortMultipartUpload" -> {
        store.abortUpload(location, c.key(), c.query("uploadId"));
        yield S3Replies.empty(204);
      }
      case "ListParts" -> listParts(c, location);
      case "ListMultipartUploads" -> listUploads(c, location);
      case "PutObjectTagging" -> {
        List<dev.gatehouse.core.domain.Tag> tags =
            S3Documents.tags(S3Xml.parse(c.document(), "Tagging"));
        Map<String, String> set = new LinkedHashMap<>();
        tags.forEach(t -> set.put(t.key(), t.value()));
        store.putTags(location, c.key(), set);
        yield S3Replies.empty(200);
      }
      case "GetObjectTagging" ->
          S3Replies.xml(S3Documents.tagging(store.head(location, c.key()).attributes().tags()));
      case "DeleteObjectTagging" -> {
        store.putTags(location, c.key(), Map.of());
        yield S3Replies.empty(204);
      }
      default ->
          throw S3Refusal.of(
              S3Error.NOT_IMPLEMENTED, c.address().operation() + " is not implemented");
    };
  }

  private S3Reply put(S3Actions.Context c, String location) {
    long length = declaredLength(c);
    ObjectInfo info =
        store.put(
            location,
            new ObjectWrite(c.key(), length, attributes(c)),
            CheckedBody.of(c.body(), length));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(S3Codec.header("ETag", info.quotedEtag()));
    info.attributes()
        .checksums()
        .forEach(
            (alg, v) ->
                headers.add(S3Codec.header("x-amz-checksum-" + alg.toLowerCase(Locale.ROOT), v)));
    return new S3Reply(200, headers, new S3Reply.Empty(0));
  }

  /**
   * The body's length: {@code x-amz-decoded-content-length} of an aws-chunked body, else {@code
   * Content-Length}.
   *
   * @throws S3Refusal MissingContentLength (411) when the request gives neither
   */
  private static long declaredLength(S3Actions.Context c) {
    String sha = c.header("x-amz-content-sha256");
    boolean chunked =
        sha.startsWith("STREAMING-") || c.header("Content-Encoding").contains("aws-chunked");
    String value = chunked ? c.header("x-amz-decoded-content-length") : c.header("Content-Length");
    if (value.isEmpty()) {
      throw S3Refusal.of(S3Error.MISSING_CONTENT_LENGTH);
    }
    try {
      long length = Long.parseLong(value.trim());
      if (length < 0) {
        throw new NumberFormatException(value);
      }
      return length;
    } catch (NumberFormatException e) {
      throw S3Refusal.of(S3Error.INVALID_ARGUMENT, "The Content-Length is not a number: " + value);
    }
  }

  /** Content-Type, {@code x-amz-meta-*}, {@code x-amz-checksum-*} and {@code x-amz-tagging}. */
  private static ObjectAttributes attributes(S3Actions.Context c) {
    Map<String, String> meta = new LinkedHashMap<>();
    Map<String, String> checksums = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : c.request().headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(META) && name.length() > META.length()) {
        meta.put(name.substring(META.length()), h.getValue());
      } else if (name.startsWith("x-amz-checksum-")
          && !name.equals("x-amz-checksum-algorithm")
          && !name.equals("x-amz-checksum-type")) {
        checksums.put(
            name.substring("x-amz-checksum-".length()).toUpperCase(Locale.ROOT), h.getValue());
      }
    }
    return new ObjectAttributes(
        c.header("Content-Type"), meta, checksums, S3Actions.tagHeader(c.header("x-amz-tagging")));
  }

  private S3Reply get(S3Actions.Context c, String location) {
    Optional<ByteRange> range = ByteRange.parse(c.header("Range"));
    ObjectContent content;
    if (range.isPresent()) {
      // spec: RFC 9110 13.2.2, preconditions before the range (a 412 beats a 416).
      S3Conditions.check(c, store.head(location, c.key()));
      content = store.get(location, c.key(), range.get());
    } else {
      // One read of the record: the conditions are checked on the version being served.
      content = store.get(location, c.key());
      try {
        S3Conditions.check(c, content.info());
      } catch (RuntimeException e) {
        closeQuietly(content);
        throw e;
      }
    }
    List<Map.Entry<String, String>> headers = objectHeaders(content.info());
    int status = 200;
    if (range.isPresent()) {
      status = 206;
      headers.add(
          S3Codec.header(
              "Content-Range",
              "bytes "
                  + content.span().first()
                  + "-"
                  + content.span().last()
                  + "/"
                  + content.info().size()));
    }
    return new S3Reply(
        status, headers, new S3Reply.Stream(content.body(), content.span().length()));
  }

  private S3Reply head(S3Actions.Context c, String location) {
    ObjectInfo info = store.head(location, c.key());
    S3Conditions.check(c, info);
    return new S3Reply(200, objectHeaders(info), new S3Reply.Empty(info.size()));
  }

  private static List<Map.Entry<String, String>> objectHeaders(ObjectInfo info) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(S3Codec.header("Content-Type", info.attributes().contentType()));
    headers.add(S3Codec.header("ETag", info.quotedEtag()));
    headers.add(S3Codec.header("Last-Modified", HttpDates.format(info.lastModified())));
    headers.add(S3Codec.header("Accept-Ranges", "bytes"));
    info.attributes().userMetadata().forEach((k, v) -> headers.add(S3Codec.header(META + k, v)));
    if (!info.attributes().tags().isEmpty()) {
      headers.add(
          S3Codec.header("x-amz-tagging-count", Integer.toString(info.attributes().tags().size())));
    }
    return headers;
  }

  private static void closeQuietly(ObjectContent content) {
    try {
      content.close();
    } catch (IOException e) {
      // nothing was sent from it
    }
  }

  private S3Reply copy(S3Actions.Context c, String location) {
    ObjectRef source = S3Actions.copySource(c.header("x-amz-copy-source"));
    String sourceLocation = buckets.get(source.bucket()).location();
    ObjectInfo sourceInfo = store.head(sourceLocation, source.key());
    S3Conditions.copySource(c, sourceInfo);
    boolean replace = c.header("x-amz-metadata-directive").equalsIgnoreCase("REPLACE");
    if (!replace && source.bucket().equals(c.bucket()) && source.key().equals(c.key())) {
      // spec: CopyObject: copying an object to itself needs a change (metadata, storage class...).
      throw S3Refusal.of(
          S3Error.INVALID_REQUEST,
          "This copy request is illegal because it is trying to copy an object to itself without"
              + " changing the object's metadata, storage class, website redirect location or"
              + " encryption attributes.");
    }
    ObjectInfo info =
        replace
            ? store.copy(sourceLocation, source.key(), location, c.key(), attributes(c))
            : store.copy(sourceLocation, source.key(), location, c.key());
    return S3Replies.xml(
        new S3Xml.Writer()
            .root("CopyObjectResult")
            .field("ETag", info.quotedEtag())
            .field("LastModified", info.lastModified()));
  }

  private S3Reply uploadPartCopy(S3Actions.Context c, String location) {
    ObjectRef source = S3Actions.copySource(c.header("x-amz-copy-source"));
    String sourceLocation = buckets.get(source.bucket()).location();
    ObjectInfo sourceInfo = store.head(sourceLocation, source.key());
    S3Conditions.copySource(c, sourceInfo);
    Optional<ByteRange> range = ByteRange.parse(c.header("x-amz-copy-source-range"));
    ObjectContent content =
        range.isPresent()
            ? store.get(sourceLocation, source.key(), range.get())
            : store.get(sourceLocation, source.key());
    PartInfo part;
    try (ObjectContent open = content) {
      part =
          store.uploadPart(
              location,
              c.key(),
              c.query("uploadId"),
              partNumber(c),
              open.span().length(),
              open.body());
    } catch (IOException e) {
      throw ObjectStoreException.internal("closing the copy source failed", e);
    }
    return S3Replies.xml(
        new S3Xml.Writer()
            .root("CopyPartResult")
            .field("ETag", quoted(part.etag()))
            .field("LastModified", part.lastModified()));
  }

  private static int partNumber(S3Actions.Context c) {
    try {
      return Integer.parseInt(c.query("partNumber"));
    } catch (NumberFormatException e) {
      throw S3Refusal.of(
          S3Error.INVALID_ARGUMENT,
          "Part number must be an integer between 1 and 10000, inclusive: "
              + c.query("partNumber"));
    }
  }

  private S3Reply complete(S3Actions.Context c, String location) {
    Element doc = S3Xml.parse(c.document(), "CompleteMultipartUpload");
    List<CompletedPart> parts = new ArrayList<>();
    for (Element p : S3Xml.children(doc, "Part")) {
      String number = S3Xml.text(p, "PartNumber").orElse("");
      String etag = S3Xml.text(p, "ETag").orElse("");
      try {
        parts.add(new CompletedPart(Integer.parseInt(number.trim()), etag.trim()));
      } catch (IllegalArgumentException e) {
        throw S3Refusal.of(S3Error.MALFORMED_XML);
      }
    }
    if (parts.isEmpty()) {
      throw S3Refusal.of(
          S3Error.MALFORMED_XML,
          "The XML you provided was not well-formed or did not validate against our published"
              + " schema: a CompleteMultipartUpload needs at least one Part");
    }
    ObjectInfo info = store.completeUpload(location, c.key(), c.query("uploadId"), parts);
    return S3Replies.xml(
        new S3Xml.Writer()
            .root("CompleteMultipartUploadResult")
            .field("Location", "/" + c.bucket() + "/" + c.key())
            .field("Bucket", c.bucket())
            .field("Key", c.key())
            .field("ETag", info.quotedEtag()));
  }

  private S3Reply listParts(S3Actions.Context c, String location) {
    List<PartInfo> parts = store.listParts(location, c.key(), c.query("uploadId"));
    S3Xml.Writer xml =
        new S3Xml.Writer()
            .root("ListPartsResult")
            .field("Bucket", c.bucket())
            .field("Key", c.key())
            .field("UploadId", c.query("uploadId"))
            .field("PartNumberMarker", 0)
            .field(
                "NextPartNumberMarker",
                parts.isEmpty() ? 0 : parts.get(parts.size() - 1).partNumber())
            .field("MaxParts", 1000)
            .field("IsTruncated", false)
            .field("StorageClass", "STANDARD");
    for (PartInfo p : parts) {
      xml.start("Part")
          .field("PartNumber", p.partNumber())
          .field("LastModified", p.lastModified())
          .field("ETag", quoted(p.etag()))
          .field("Size", p.size())
          .end();
    }
    return S3Replies.xml(xml);
  }

  private S3Reply listUploads(S3Actions.Context c, String location) {
    List<Upload> uploads = store.listUploads(location, c.query("prefix"));
    S3Xml.Writer xml =
        new S3Xml.Writer()
            .root("ListMultipartUploadsResult")
            .field("Bucket", c.bucket())
            .field("KeyMarker", "")
            .field("UploadIdMarker", "")
            .field("Prefix", c.query("prefix"))
            .field("MaxUploads", 1000)
            .field("IsTruncated", false);
    for (Upload u : uploads) {
      xml.start("Upload")
          .field("Key", u.key())
          .field("UploadId", u.uploadId())
          .field("Initiated", u.initiated())
          .field("StorageClass", "STANDARD")
          .end();
    }
    return S3Replies.xml(xml);
  }

  private S3Reply list(S3Actions.Context c, String location, boolean v2) {
    int maxKeys = maxKeys(c.query("max-keys"));
    String marker = v2 ? c.query("start-after") : c.query("marker");
    ListRequest request =
        new ListRequest(
            c.query("prefix"),
            c.query("delimiter"),
            marker,
            v2 ? c.query("continuation-token") : "",
            maxKeys);
    ListResult result = store.list(location, request);
    S3Xml.Writer xml = new S3Xml.Writer().root("ListBucketResult");
    xml.field("Name", c.bucket()).field("Prefix", c.query("prefix"));
    if (v2) {
      if (!c.query("continuation-token").isEmpty()) {
        xml.field("ContinuationToken", c.query("continuation-token"));
      }
      if (!c.query("start-after").isEmpty()) {
        xml.field("StartAfter", c.query("start-after"));
      }
      xml.field("KeyCount", result.keyCount());
    } else {
      xml.field("Marker", marker);
    }
    xml.field("MaxKeys", maxKeys);
    if (!c.query("delimiter").isEmpty()) {
      xml.field("Delimiter", c.query("delimiter"));
    }
    xml.field("IsTruncated", result.truncated());
    if (result.truncated()) {
      if (v2) {
        xml.field("NextContinuationToken", result.nextContinuationToken());
      } else if (!c.query("delimiter").isEmpty()) {
        xml.field("NextMarker", result.nextMarker());
      }
    }
    boolean owner = !v2 || c.query("fetch-owner").equals("true");
    String ownerId = CanonicalIds.of(buckets.get(c.bucket()).ownerAccountId());
    for (ObjectInfo o : result.objects()) {
      xml.start("Contents")
          .field("Key", o.key())
          .field("LastModified", o.lastModified())
          .field("ETag", o.quotedEtag())
          .field("Size", o.size())
          .field("StorageClass", "STANDARD");
      if (owner) {
        xml.start("Owner").field("ID", ownerId).end();
      }
      xml.end();
    }
    for (String prefix : result.commonPrefixes()) {
      xml.start("CommonPrefixes").field("Prefix", prefix).end();
    }
    return S3Replies.xml(xml);
  }

  private static int maxKeys(String value) {
    if (value.isEmpty()) {
      return ListRequest.MAX_KEYS;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException(value);
      }
      return Math.min(n, ListRequest.MAX_KEYS);
    } catch (NumberFormatException e) {
      throw S3Refusal.of(
          S3Error.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range");
    }
  }

  /**
   * DeleteObjects: each key is authorized on its own (s3:DeleteObject on its ARN); a denied key is
   * reported in the answer's {@code <Error>} and not deleted, the others are.
   */
  S3Reply deleteObjects(
      S3Actions.Context c, Element document, S3Request request, Operation.Gate gate) {
    List<S3Check> checks = S3Operations.standard().checks(request);
    String location = buckets.get(c.bucket()).location();
    boolean quiet = S3Xml.text(document, "Quiet").map(q -> q.trim().equals("true")).orElse(false);
    S3Xml.Writer xml = new S3Xml.Writer().root("DeleteResult");
    List<String> keys = request.objectKeys();
    if (keys.size() > 1000) {
      throw S3Refusal.of(S3Error.MALFORMED_XML, "A DeleteObjects request names at most 1000 keys.");
    }
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      try {
        S3Actions.check(gate, checks.get(i));
        store.delete(location, key);
        if (!quiet) {
          xml.start("Deleted").field("Key", key).end();
        }
      } catch (GatehouseException | ObjectStoreException e) {
        S3Refusal r =
            e instanceof GatehouseException g
                ? S3Codec.refusal(g)
                : S3Refusal.from(e).orElse(S3Refusal.of(S3Error.INTERNAL_ERROR));
        xml.start("Error")
            .field("Key", key)
            .field("Code", r.s3Code())
            .field("Message", r.getMessage())
            .end();
      }
    }
    return S3Replies.xml(xml);
  }

  private static String quoted(String etag) {
    return "\"" + etag + "\"";
  }
}
