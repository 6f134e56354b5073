package dev.gatehouse.store.sql;

import static dev.gatehouse.store.sql.CatalogJdbc.decode;
import static dev.gatehouse.store.sql.CatalogJdbc.encode;

import dev.gatehouse.core.objects.BlobRef;
import dev.gatehouse.core.objects.ObjectAttributes;
import dev.gatehouse.core.objects.ObjectCatalog;
import dev.gatehouse.core.objects.ObjectError;
import dev.gatehouse.core.objects.ObjectKeys;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.core.objects.StoredObject;
import dev.gatehouse.core.objects.StoredPart;
import dev.gatehouse.core.objects.StoredUpload;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The embedded object store's catalog in Gatehouse's own database (tables of {@code
 * V9__objects.sql}), SQLite or PostgreSQL. Each method is one transaction through the store's
 * engine, so its writes are as durable as the store's (SQLite: fsynced WAL commit); on SQLite,
 * concurrent writes share one commit ({@link GroupCommit}) and each still fails or succeeds alone.
 */
public final class SqlObjectCatalog implements ObjectCatalog {
  private static final String OBJECT_COLUMNS =
      "object_key, size, etag, last_modified, content_type, user_metadata, checksums, tags";
  private static final String UPLOAD_COLUMNS =
      "upload_id, object_key, initiated, content_type, user_metadata, checksums, tags";

  private final CatalogJdbc sql;

  /**
   * A catalog in the database of {@code store} (opened by {@link SqliteStore} or {@link
   * PostgresStore}).
   */
  public SqlObjectCatalog(SqlStore store) {
    this.sql = new CatalogJdbc(store);
  }

  @Override
  public boolean createLocation(String location) {
    return sql.write(
        s -> {
          if (s.exists("SELECT 1 FROM s3_object_locations WHERE location = ?", location)) {
            return false;
          }
          s.update(
              "INSERT INTO s3_object_locations (location, created_at) VALUES (?, ?)",
              location,
              System.currentTimeMillis());
          return true;
        });
  }

  @Override
  public boolean locationExists(String location) {
    return sql.readOne(
        s -> s.exists("SELECT 1 FROM s3_object_locations WHERE location = ?", location));
  }

  private static void requireLocation(Statements s, String location) throws SQLException {
    if (!s.exists("SELECT 1 FROM s3_object_locations WHERE location = ?", location)) {
      throw noSuchBucket(location);
    }
  }

  private static ObjectStoreException noSuchBucket(String location) {
    return new ObjectStoreException(
        ObjectError.NO_SUCH_BUCKET, "The specified bucket does not exist: " + location);
  }

  @Override
  public void deleteLocation(String location) {
    sql.write(
        s -> {
          requireLocation(s, location);
          if (s.exists("SELECT 1 FROM s3_objects WHERE location = ? LIMIT 1", location)
              || s.exists("SELECT 1 FROM s3_uploads WHERE location = ? LIMIT 1", location)) {
            throw new ObjectStoreException(
                ObjectError.BUCKET_NOT_EMPTY,
                "The bucket you tried to delete is not empty: " + location);
          }
          s.update("DELETE FROM s3_object_locations WHERE location = ?", location);
          return null;
        });
  }

  @Override
  public Optional<StoredObject> object(String location, String key) {
    // The GET and HEAD path: the object and its blobs in one statement.
    return sql.readOne(
        s -> {
          try (ResultSet r =
              s.query(
                  "SELECT o.object_key, o.size, o.etag, o.last_modified, o.content_type,"
                      + " o.user_metadata, o.checksums, o.tags, b.blob_id, b.size,"
                      + " b.inline_data"
                      + " FROM s3_objects o LEFT JOIN s3_object_blobs b"
                      + " ON b.location = o.location AND b.sort_key = o.sort_key"
                      + " WHERE o.location = ? AND o.sort_key = ? ORDER BY b.ordinal",
                  location,
                  ObjectKeys.sortKey(key))) {
            if (!r.next()) {
              return Optional.empty();
            }
            StoredObject first = objectRow(r, List.of());
            List<BlobRef> blobs = new ArrayList<>();
            do {
              String blob = r.getString(9);
              if (blob != null) {
                blobs.add(blobRef(blob, r.getLong(10), r.getBytes(11)));
              }
            } while (r.next());
            return Optional.of(
                new StoredObject(
                    first.key(),
                    first.size(),
                    first.etag(),
                    first.lastModified(),
                    first.attributes(),
                    blobs));
          }
        });
  }

  private static Optional<StoredObject> find(Statements s, String location, String sortKey)
      throws SQLException {
    try (ResultSet r =
        s.query(
            "SELECT " + OBJECT_COLUMNS + " FROM s3_objects WHERE location = ? AND sort_key = ?",
            location,
            sortKey)) {
      if (!r.next()) {
        return Optional.empty();
      }
      return Optional.of(objectRow(r, blobs(s, location, sortKey)));
    }
  }

  private static StoredObject objectRow(ResultSet r, List<BlobRef> blobs) throws SQLException {
    return new StoredObject(
        r.getString(1),
        r.getLong(2),
        r.getString(3),
        Instant.ofEpochMilli(r.getLong(4)),
        attributes(r, 5),
        blobs);
  }

  private static ObjectAttributes attributes(ResultSet r, int from) throws SQLException {
    return new ObjectAttributes(
        r.getString(from),
        decode(r.getString(from + 1)),
        decode(r.getString(from + 2)),
        decode(r.getString(from + 3)));
  }

  private static List<BlobRef> blobs(Statements s, String location, String sortKey)
      throws SQLException {
    List<BlobRef> out = new ArrayList<>();
    try (ResultSet r =
        s.query(
            "SELECT blob_id, size, inline_data FROM s3_object_blobs"
                + " WHERE location = ? AND sort_key = ?"
                + " ORDER BY ordinal",
            location,
            sortKey)) {
      while (r.next()) {
        out.add(blobRef(r.getString(1), r.getLong(2), r.getBytes(3)));
      }
    }
    return out;
  }

  private static BlobRef blobRef(String id, long size, byte[] inline) {
    return new BlobRef(id, size, inline == null ? null : new BlobRef.Inline(inline));
  }

  @Override
  public Optional<StoredObject> putObject(String location, StoredObject object) {
    return sql.write(s -> put(s, location, object));
  }

  /**
   * Replaces the object's record: the old one deleted (and returned), the new one inserted only if
   * its location exists, which is that check and the insert in one statement; without the location
   * there is no old record to delete either (a foreign key).
   */
  private static Optional<StoredObject> put(Statements s, String location, StoredObject o)
      throws SQLException {
    String sortKey = ObjectKeys.sortKey(o.key());
    Optional<StoredObject> old = remove(s, location, sortKey);
    ObjectAttributes a = o.attributes();
    int inserted =
        s.update(
            "INSERT INTO s3_objects (location, sort_key, "
                + OBJECT_COLUMNS
                + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                + " WHERE EXISTS (SELECT 1 FROM s3_object_locations WHERE location = ?)",
            location,
            sortKey,
            o.key(),
            o.size(),
            o.etag(),
            o.lastModified().toEpochMilli(),
            a.contentType(),
            encode(a.userMetadata()),
            encode(a.checksums()),
            encode(a.tags()),
            location);
    if (inserted == 0) {
      throw noSuchBucket(location);
    }
    int ordinal = 0;
    for (BlobRef b : o.blobs()) {
      s.update(
          "INSERT INTO s3_object_blobs (blob_id, location, sort_key, ordinal, size, inline_data)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          b.id(),
          location,
          sortKey,
          ordinal++,
          b.size(),
          b.isInline() ? b.inline().sealed() : Statements.NULL_BINARY);
    }
    return old;
  }

  /** Deletes an object's record and blob rows, returning what they held (DELETE ... RETURNING). */
  private static Optional<StoredObject> remove(Statements s, String location, String sortKey)
      throws SQLException {
    SortedMap<Integer, BlobRef> blobs = new TreeMap<>();
    try (ResultSet r =
        s.query(
            "DELETE FROM s3_object_blobs WHERE location = ? AND sort_key = ?"
                + " RETURNING ordinal, blob_id, size, inline_data",
            location,
            sortKey)) {
      while (r.next()) {
        blobs.put(r.getInt(1), blobRef(r.getString(2), r.getLong(3), r.getBytes(4)));
      }
    }
    try (ResultSet r =
        s.query(
            "DELETE FROM s3_objects WHERE location = ? AND sort_key = ? RETURNING "
                + OBJECT_COLUMNS,
            location,
            sortKey)) {
      return r.next() ? Optional.of(objectRow(r, List.copyOf(blobs.values()))) : Optional.empty();
    }
  }

  @Override
  public Optional<StoredObject> updateAttributes(
      String location, String key, ObjectAttributes attributes) {
    return sql.write(
        s -> {
          String sortKey = ObjectKeys.sortKey(key);
          int n =
              s.update(
                  "UPDATE s3_objects SET content_type = ?, user_metadata = ?, checksums = ?,"
                      + " tags = ? WHERE location = ? AND sort_key = ?",
                  attributes.contentType(),
                  encode(attributes.userMetadata()),
                  encode(attributes.checksums()),
                  encode(attributes.tags()),
                  location,
                  sortKey);
          return n == 0 ? Optional.<StoredObject>empty() : find(s, location, sortKey);
        });
  }

  @Override
  public Optional<StoredObject> deleteObject(String location, String key) {
    return sql.write(s -> remove(s, location, ObjectKeys.sortKey(key)));
  }

  @Override
  public List<StoredObject> scan(String location, String prefix, String afterSortKey, int limit) {
    String hexPrefix = ObjectKeys.sortKey(prefix);
    return sql.read(
        s -> {
          List<StoredObject> out = new ArrayList<>();
          List<String> sortKeys = new ArrayList<>();
          // 'g' sorts after every hex digit, so [hexPrefix, hexPrefix + "g") is the prefix's range.
          try (ResultSet r =
              s.query(
                  "SELECT "
                      + OBJECT_COLUMNS
                      + ", sort_key FROM s3_objects WHERE location = ? AND sort_key > ?"
                      + " AND sort_key >= ? AND sort_key < ? ORDER BY sort_key LIMIT ?",
                  location,
                  afterSortKey,
                  hexPrefix,
                  hexPrefix + "g",
                  limit)) {
            while (r.next()) {
              out.add(objectRow(r, List.of()));
              sortKeys.add(r.getString(9));
            }
          }
          List<StoredObject> withBlobs = new ArrayList<>(out.size());
          for (int i = 0; i < out.size(); i++) {
            StoredObject o = out.get(i);
            withBlobs.add(
                new StoredObject(
                    o.key(),
                    o.size(),
                    o.etag(),
                    o.lastModified(),
                    o.attributes(),
                    blobs(s, location, sortKeys.get(i))));
          }
          return withBlobs;
        });
  }

  @Override
  public void createUpload(String location, StoredUpload upload) {
    sql.write(
        s -> {
          requireLocation(s, location);
          ObjectAttributes a = upload.attributes();
          s.update(
              "INSERT INTO s3_uploads (location, sort_key, "
                  + UPLOAD_COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              location,
              ObjectKeys.sortKey(upload.key()),
              upload.uploadId(),
              upload.key(),
              upload.initiated().toEpochMilli(),
              a.contentType(),
              encode(a.userMetadata()),
              encode(a.checksums()),
              encode(a.tags()));
          return null;
        });
  }

  private static StoredUpload uploadRow(ResultSet r) throws SQLException {
    return new StoredUpload(
        r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)), attributes(r, 4));
  }

  @Override
  public Optional<StoredUpload> upload(String location, String uploadId) {
    return sql.read(s -> findUpload(s, location, uploadId));
  }

  private static Optional<StoredUpload> findUpload(Statements s, String location, String uploadId)
      throws SQLException {
    try (ResultSet r =
        s.query(
            "SELECT " + UPLOAD_COLUMNS + " FROM s3_uploads WHERE location = ? AND upload_id = ?",
            location,
            uploadId)) {
      return r.next() ? Optional.of(uploadRow(r)) : Optional.empty();
    }
  }

  @Override
  public List<StoredUpload> uploads(String location, String prefix) {
    String hexPrefix = ObjectKeys.sortKey(prefix);
    return sql.read(
        s -> {
          List<StoredUpload> out = new ArrayList<>();
          try (ResultSet r =
              s.query(
                  "SELECT "
                      + UPLOAD_COLUMNS
                      + " FROM s3_uploads WHERE location = ? AND sort_key >= ? AND sort_key < ?"
                      + " ORDER BY sort_key, initiated, upload_id",
                  location,
                  hexPrefix,
                  hexPrefix + "g")) {
            while (r.next()) {
              out.add(uploadRow(r));
            }
          }
          return out;
        });
  }

  private static void requireUpload(Statements s, String location, String uploadId)
      throws SQLException {
    if (findUpload(s, location, uploadId).isEmpty()) {
      throw new ObjectStoreException(
          ObjectError.NO_SUCH_UPLOAD, "The specified upload does not exist: " + uploadId);
    }
  }

  @Override
  public Optional<StoredPart> putPart(String location, String uploadId, StoredPart part) {
    return sql.write(
        s -> {
          requireUpload(s, location, uploadId);
          Optional<StoredPart> old = Optional.empty();
          for (StoredPart p : partsOf(s, uploadId)) {
            if (p.partNumber() == part.partNumber()) {
              old = Optional.of(p);
            }
          }
          s.update(
              "DELETE FROM s3_upload_parts WHERE upload_id = ? AND part_number = ?",
              uploadId,
              part.partNumber());
          s.update(
              "INSERT INTO s3_upload_parts (upload_id, part_number, etag, last_modified, blob_id,"
                  + " size) VALUES (?, ?, ?, ?, ?, ?)",
              uploadId,
              part.partNumber(),
              part.etag(),
              part.lastModified().toEpochMilli(),
              part.blob().id(),
              part.blob().size());
          return old;
        });
  }

  private static List<StoredPart> partsOf(Statements s, String uploadId) throws SQLException {
    List<StoredPart> out = new ArrayList<>();
    try (ResultSet r =
        s.query(
            "SELECT part_number, etag, last_modified, blob_id, size FROM s3_upload_parts"
                + " WHERE upload_id = ? ORDER BY part_number",
            uploadId)) {
      while (r.next()) {
        out.add(
            new StoredPart(
                r.getInt(1),
                r.getString(2),
                Instant.ofEpochMilli(r.getLong(3)),
                new BlobRef(r.getString(4), r.getLong(5))));
      }
    }
    return out;
  }

  @Override
  public List<StoredPart> parts(String location, String uploadId) {
    return sql.read(
        s -> {
          requireUpload(s, location, uploadId);
          return partsOf(s, uploadId);
        });
  }

  @Override
  public Completion completeUpload(String location, String uploadId, StoredObject object) {
    return sql.write(
        s -> {
          requireUpload(s, location, uploadId);
          List<StoredPart> parts = partsOf(s, uploadId);
          Set<String> live = new HashSet<>();
          parts.forEach(p -> live.add(p.blob().id()));
          for (BlobRef b : object.blobs()) {
            if (!live.contains(b.id())) {
              throw new ObjectStoreException(
                  ObjectError.INVALID_PART,
                  "a part of upload " + uploadId + " was replaced while it was being completed");
            }
          }
          removeUploadRows(s, uploadId);
          return new Completion(put(s, location, object), parts);
        });
  }

  private static void removeUploadRows(Statements s, String uploadId) throws SQLException {
    s.update("DELETE FROM s3_upload_parts WHERE upload_id = ?", uploadId);
    s.update("DELETE FROM s3_uploads WHERE upload_id = ?", uploadId);
  }

  @Override
  public List<StoredPart> removeUpload(String location, String uploadId) {
    return sql.write(
        s -> {
          requireUpload(s, location, uploadId);
          List<StoredPart> parts = partsOf(s, uploadId);
          removeUploadRows(s, uploadId);
          return parts;
        });
  }

  @Override
  public Set<String> referencedBlobs(Collection<String> blobIds) {
    if (blobIds.isEmpty()) {
      return Set.of();
    }
    String marks = String.join(", ", java.util.Collections.nCopies(blobIds.size(), "?"));
    Object[] args = blobIds.toArray();
    return sql.read(
        s -> {
          Set<String> out = new HashSet<>();
          for (String table : List.of("s3_object_blobs", "s3_upload_parts")) {
            try (ResultSet r =
                s.query(
                    "SELECT blob_id FROM " + table + " WHERE blob_id IN (" + marks + ")", args)) {
              while (r.next()) {
                out.add(r.getString(1));
              }
            }
          }
          return out;
        });
  }
}
