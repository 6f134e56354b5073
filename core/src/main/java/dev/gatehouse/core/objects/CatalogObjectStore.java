package dev.gatehouse.core.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@link ObjectStore} made of a metadata {@link ObjectCatalog} and a {@link BlobStore}; the S3
 * rules live here, the adapters only store.
 *
 * <p>INVARIANT (write order): bytes first, then metadata. A put writes its blob durably, then
 * commits the catalog record that makes it visible; the blob of a replaced or deleted object is
 * deleted only after the commit that stopped referring to it. A crash between the two steps leaves
 * an unreferenced blob, never a record without bytes; {@link #collectOrphans} removes such blobs at
 * start-up.
 *
 * <p>Small objects (up to {@link #INLINE_MAX} bytes) are sealed by the blob store but kept inline
 * in their catalog record: the record's commit is then the only durable write of a PUT (no blob
 * file, no directory sync, nothing to delete when it is replaced). They are encrypted and bound to
 * their id exactly as blob files are.
 */
public final class CatalogObjectStore implements ObjectStore {
  /**
   * The largest object a PUT keeps inline in its catalog record: one encryption segment, small
   * enough that reading the record stays cheap.
   */
  public static final long INLINE_MAX = 64 * 1024;

  private static final int ORPHAN_BATCH = 500;

  private final ObjectCatalog catalog;
  private final BlobStore blobs;
  private final Clock clock;
  private final SecureRandom random;

  public CatalogObjectStore(
      ObjectCatalog catalog, BlobStore blobs, Clock clock, SecureRandom random) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Deletes every blob no object or part refers to: what a crash between writing a blob and
   * committing its record leaves. Call before serving (a put in flight would lose its blob).
   *
   * @return how many blobs were deleted
   */
  public int collectOrphans() {
    List<String> ids = blobs.ids();
    int deleted = 0;
    for (int i = 0; i < ids.size(); i += ORPHAN_BATCH) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + ORPHAN_BATCH));
      Set<String> live = catalog.referencedBlobs(batch);
      for (String id : batch) {
        if (!live.contains(id)) {
          blobs.delete(id);
          deleted++;
        }
      }
    }
    return deleted;
  }

  @Override
  public String createBucket(String bucket) {
    String location = bucket + "." + newId(8);
    catalog.createLocation(location);
    return location;
  }

  @Override
  public void deleteBucket(String location) {
    catalog.deleteLocation(location);
  }

  @Override
  public ObjectInfo put(String location, ObjectWrite write, InputStream body) {
    MultipartRules.requirePutSize(write.length());
    requireLocation(location);
    MeasuredBody measured = new MeasuredBody(body, write.length());
    BlobRef blob =
        write.length() <= INLINE_MAX
            ? sealInline(measured)
            : new BlobRef(writeBlob(measured), write.length());
    StoredObject object =
        new StoredObject(
            write.key(),
            write.length(),
            measured.md5Hex(),
            now(),
            write.attributes(),
            List.of(blob));
    Optional<StoredObject> replaced;
    try {
      replaced = catalog.putObject(location, object);
    } catch (RuntimeException e) {
      deleteBlobsOf(object, List.of());
      throw e;
    }
    replaced.ifPresent(r -> deleteBlobsOf(r, object.blobs()));
    return object.info();
  }

  private BlobRef sealInline(MeasuredBody measured) {
    BlobRef blob = blobs.seal(measured, measured.length());
    if (!measured.complete() || !blob.isInline()) {
      throw ObjectStoreException.internal(
          "the blob store stopped reading before the declared length", null);
    }
    return blob;
  }

  private String writeBlob(MeasuredBody measured) {
    String blobId = blobs.write(measured);
    if (!measured.complete()) {
      // A store that stopped reading before the end would store a prefix: refuse it.
      blobs.delete(blobId);
      throw ObjectStoreException.internal(
          "the blob store stopped reading before the declared length", null);
    }
    return blobId;
  }

  @Override
  public ObjectContent get(String location, String key) {
    StoredObject o = object(location, key);
    return content(o, ByteRange.Span.whole(o.size()));
  }

  @Override
  public ObjectContent get(String location, String key, ByteRange range) {
    StoredObject o = object(location, key);
    return content(o, range.resolve(o.size()));
  }

  private ObjectContent content(StoredObject o, ByteRange.Span span) {
    List<Piece> pieces = new ArrayList<>();
    long start = 0;
    for (BlobRef b : o.blobs()) {
      long end = start + b.size() - 1;
      long from = Math.max(span.first(), start);
      long to = Math.min(span.last(), end);
      if (from <= to) {
        pieces.add(new Piece(b, from - start, to - from + 1));
      }
      start += b.size();
    }
    InputStream body;
    if (pieces.isEmpty()) {
      body = InputStream.nullInputStream();
    } else if (pieces.size() == 1) {
      // One piece (every inline object): the blob store's own stream, unwrapped, so that its
      // readNBytes of the whole span can hand over the array it decrypted into (no second copy).
      body = open(pieces.get(0));
    } else {
      // The first blob opens now, so a missing blob fails the GET before any byte is sent; later
      // parts open as the reader reaches them, so a 10,000-part object holds one file at a time.
      InputStream first = open(pieces.get(0));
      body = new LazyPieces(first, pieces.subList(1, pieces.size()));
    }
    return new ObjectContent(o.info(), span, body);
  }

  private InputStream open(Piece p) {
    return p.blob().isInline()
        ? blobs.read(p.blob(), p.offset(), p.length())
        : blobs.read(p.blob().id(), p.offset(), p.length());
  }

  private record Piece(BlobRef blob, long offset, long length) {}

  /** The pieces one after another, each opened when the reader reaches it. */
  private final class LazyPieces extends InputStream {
    private InputStream current;
    private final List<Piece> rest;
    private int next;

    LazyPieces(InputStream first, List<Piece> rest) {
      this.current = first;
      this.rest = rest;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (true) {
        int n = current.read(b, off, len);
        if (n >= 0) {
          return n;
        }
        if (next >= rest.size()) {
          return -1;
        }
        current.close();
        current = open(rest.get(next++));
      }
    }

    /** Each piece's own transfer (a blob's writes a batch of segments at a time, not 8 KiB). */
    @Override
    public long transferTo(OutputStream out) throws IOException {
      long sent = current.transferTo(out);
      while (next < rest.size()) {
        current.close();
        current = open(rest.get(next++));
        sent += current.transferTo(out);
      }
      return sent;
    }

    @Override
    public void close() throws IOException {
      current.close();
    }
  }

  @Override
  public ObjectInfo head(String location, String key) {
    return object(location, key).info();
  }

  private StoredObject object(String location, String key) {
    // An object's row exists only in its location (a foreign key), so the location is read only
    // to tell a missing bucket from a missing key: one catalog read per GET or HEAD.
    Optional<StoredObject> found = catalog.object(location, key);
    if (found.isPresent()) {
      return found.get();
    }
    requireLocation(location);
    throw new ObjectStoreException(
        ObjectError.NO_SUCH_KEY, "The specified key does not exist: " + key);
  }

  @Override
  public void delete(String location, String key) {
    requireLocation(location);
    catalog.deleteObject(location, key).ifPresent(o -> deleteBlobsOf(o, List.of()));
  }

  @Override
  public ListResult list(String location, ListRequest request) {
    requireLocation(location);
    return Listing.page(
        request,
        (prefix, after, limit) ->
            catalog.scan(location, prefix, after, limit).stream().map(StoredObject::info).toList());
  }

  @Override
  public ObjectInfo copy(String sourceLocation, String sourceKey, String location, String key) {
    return copy(
        sourceLocation, sourceKey, location, key, head(sourceLocation, sourceKey).attributes());
  }

  @Override
  public ObjectInfo copy(
      String sourceLocation,
      String sourceKey,
      String location,
      String key,
      ObjectAttributes attributes) {
    try (ObjectContent source = get(sourceLocation, sourceKey)) {
      return put(location, new ObjectWrite(key, source.info().size(), attributes), source.body());
    } catch (IOException e) {
      throw ObjectStoreException.internal("closing the copy source failed", e);
    }
  }

  @Override
  public ObjectInfo putTags(String location, String key, Map<String, String> tags) {
    requireLocation(location);
    StoredObject o = object(location, key);
    return catalog
        .updateAttributes(location, key, o.attributes().withTags(tags))
        .orElseThrow(
            () ->
                new ObjectStoreException(
                    ObjectError.NO_SUCH_KEY, "The specified key does not exist: " + key))
        .info();
  }

  @Override
  public Upload createUpload(String location, String key, ObjectAttributes attributes) {
    ObjectKeys.requireValid(key);
    requireLocation(location);
    StoredUpload upload = new StoredUpload(newId(16), key, now(), attributes);
    catalog.createUpload(location, upload);
    return upload.upload();
  }

  @Override
  public PartInfo uploadPart(
      String location, String key, String uploadId, int partNumber, long length, InputStream body) {
    MultipartRules.requirePartNumber(partNumber);
    MultipartRules.requirePartSize(length);
    upload(location, key, uploadId);
    MeasuredBody measured = new MeasuredBody(body, length);
    String blobId = writeBlob(measured);
    StoredPart part =
        new StoredPart(partNumber, measured.md5Hex(), now(), new BlobRef(blobId, length));
    Optional<StoredPart> replaced;
    try {
      replaced = catalog.putPart(location, uploadId, part);
    } catch (RuntimeException e) {
      blobs.delete(blobId);
      throw e;
    }
    replaced.ifPresent(r -> blobs.delete(r.blob().id()));
    return part.info();
  }

  private StoredUpload upload(String location, String key, String uploadId) {
    requireLocation(location);
    return catalog
        .upload(location, uploadId)
        .filter(u -> u.key().equals(key))
        .orElseThrow(() -> noSuchUpload(uploadId));
  }

  static ObjectStoreException noSuchUpload(String uploadId) {
    return new ObjectStoreException(
        ObjectError.NO_SUCH_UPLOAD,
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have"
            + " been aborted or completed: "
            + uploadId);
  }

  @Override
  public List<PartInfo> listParts(String location, String key, String uploadId) {
    upload(location, key, uploadId);
    return catalog.parts(location, uploadId).stream().map(StoredPart::info).toList();
  }

  @Override
  public List<Upload> listUploads(String location, String prefix) {
    requireLocation(location);
    return catalog.uploads(location, prefix).stream().map(StoredUpload::upload).toList();
  }

  @Override
  public ObjectInfo completeUpload(
      String location, String key, String uploadId, List<CompletedPart> parts) {
    StoredUpload upload = upload(location, key, uploadId);
    Map<Integer, StoredPart> stored = new TreeMap<>();
    Map<Integer, PartInfo> infos = new TreeMap<>();
    for (StoredPart p : catalog.parts(location, uploadId)) {
      stored.put(p.partNumber(), p);
      infos.put(p.partNumber(), p.info());
    }
    List<PartInfo> chosen = MultipartRules.select(parts, infos);
    List<BlobRef> refs = new ArrayList<>(chosen.size());
    long size = 0;
    for (PartInfo p : chosen) {
      refs.add(stored.get(p.partNumber()).blob());
      size += p.size();
    }
    StoredObject object =
        new StoredObject(key, size, MultipartRules.etag(chosen), now(), upload.attributes(), refs);
    ObjectCatalog.Completion done = catalog.completeUpload(location, uploadId, object);
    Set<String> kept = ids(refs);
    for (StoredPart p : done.removedParts()) {
      if (!kept.contains(p.blob().id())) {
        blobs.delete(p.blob().id());
      }
    }
    done.replaced().ifPresent(r -> deleteBlobsOf(r, refs));
    return object.info();
  }

  @Override
  public void abortUpload(String location, String key, String uploadId) {
    upload(location, key, uploadId);
    for (StoredPart p : catalog.removeUpload(location, uploadId)) {
      blobs.delete(p.blob().id());
    }
  }

  private void requireLocation(String location) {
    if (!catalog.locationExists(location)) {
      throw noSuchBucket(location);
    }
  }

  static ObjectStoreException noSuchBucket(String location) {
    return new ObjectStoreException(
        ObjectError.NO_SUCH_BUCKET, "The specified bucket does not exist: " + location);
  }

  private void deleteBlobsOf(StoredObject old, Collection<BlobRef> keep) {
    Set<String> kept = ids(keep);
    for (BlobRef b : old.blobs()) {
      if (!b.isInline() && !kept.contains(b.id())) {
        blobs.delete(b.id());
      }
    }
  }

  private static Set<String> ids(Collection<BlobRef> refs) {
    Set<String> ids = new HashSet<>();
    refs.forEach(r -> ids.add(r.id()));
    return ids;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private String newId(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
