package dev.gatehouse.store.sql;

import static dev.gatehouse.store.sql.CatalogJdbc.decode;
import static dev.gatehouse.store.sql.CatalogJdbc.encode;
import static dev.gatehouse.store.sql.CatalogJdbc.exists;
import static dev.gatehouse.store.sql.CatalogJdbc.prepare;
import static dev.gatehouse.store.sql.CatalogJdbc.update;

import dev.gatehouse.core.objects.BlobRef;
import dev.gatehouse.core.objects.ObjectAttributes;
import dev.gatehouse.core.objects.ObjectCatalog;
import dev.gatehouse.core.objects.ObjectError;
import dev.gatehouse.core.objects.ObjectKeys;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.core.objects.StoredObject;
import dev.gatehouse.core.objects.StoredPart;
import dev.gatehouse.core.objects.StoredUpload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        c -> {
          if (exists(c, "SELECT 1 FROM s3_object_locations WHERE location = ?", location)) {
            return false;
          }
          update(
              c,
              "INSERT INTO s3_object_locations (location, created_at) VALUES (?, ?)",
              location,
              System.currentTimeMillis());
          return true;
        });
  }

  @Override
  public boolean locationExists(String location) {
    return sql.readOne(
        c -> exists(c, "SELECT 1 FROM s3_object_locations WHERE location = ?", location));
  }

  private static void requireLocation(Connection c, String location) throws SQLException {
    if (!exists(c, "SELECT 1 FROM s3_object_locations WHERE location = ?", location)) {
      throw new ObjectStoreException(
          ObjectError.NO_SUCH_BUCKET, "The specified bucket does not exist: " + location);
    }
  }

  @Override
  public void deleteLocation(String location) {
    sql.write(
        c -> {
          requireLocation(c, location);
          if (exists(c, "SELECT 1 FROM s3_objects WHERE location = ? LIMIT 1", location)
              || exists(c, "SELECT 1 FROM s3_uploads WHERE location = ? LIMIT 1", location)) {
            throw new ObjectStoreException(
                ObjectError.BUCKET_NOT_EMPTY,
                "The bucket you tried to delete is not empty: " + location);
          }
          update(c, "DELETE FROM s3_object_locations WHERE location = ?", location);
          return null;
        });
  }

  @Override
  public Optional<StoredObject> object(String location, String key) {
    // The GET and HEAD path: the object and its blobs in one statement.
    return sql.readOne(
        c -> {
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT o.object_key, o.size, o.etag, o.last_modified, o.content_type,"
                          + " o.user_metadata, o.checksums, o.tags, b.blob_id, b.size,"
                          + " b.inline_data"
                          + " FROM s3_objects o LEFT JOIN s3_object_blobs b"
                          + " ON b.location = o.location AND b.sort_key = o.sort_key"
                          + " WHERE o.location = ? AND o.sort_key = ? ORDER BY b.ordinal",
                      location,
                      ObjectKeys.sortKey(key));
              ResultSet r = ps.executeQuery()) {
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

  private static Optional<StoredObject> find(Connection c, String location, String sortKey)
      throws SQLException {
    try (PreparedStatement ps =
            prepare(
                c,
                "SELECT " + OBJECT_COLUMNS + " FROM s3_objects WHERE location = ? AND sort_key = ?",
                location,
                sortKey);
        ResultSet r = ps.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      return Optional.of(objectRow(r, blobs(c, location, sortKey)));
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

  private static List<BlobRef> blobs(Connection c, String location, String sortKey)
      throws SQLException {
    List<BlobRef> out = new ArrayList<>();
    try (PreparedStatement ps =
            prepare(
                c,
                "SELECT blob_id, size, inline_data FROM s3_object_blobs"
                    + " WHERE location = ? AND sort_key = ?"
                    + " ORDER BY ordinal",
                location,
                sortKey);
        ResultSet r = ps.executeQuery()) {
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
    return sql.write(
        c -> {
          requireLocation(c, location);
          return put(c, location, object);
        });
  }

  private static Optional<StoredObject> put(Connection c, String location, StoredObject o)
      throws SQLException {
    String sortKey = ObjectKeys.sortKey(o.key());
    Optional<StoredObject> old = find(c, location, sortKey);
    if (old.isPresent()) {
      remove(c, location, sortKey);
    }
    ObjectAttributes a = o.attributes();
    update(
        c,
        "INSERT INTO s3_objects (location, sort_key, "
            + OBJECT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        location,
        sortKey,
        o.key(),
        o.size(),
        o.etag(),
        o.lastModified().toEpochMilli(),
        a.contentType(),
        encode(a.userMetadata()),
        encode(a.checksums()),
        encode(a.tags()));
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO s3_object_blobs (blob_id, location, sort_key, ordinal, size, inline_data)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (BlobRef b : o.blobs()) {
        ps.setString(1, b.id());
        ps.setString(2, location);
        ps.setString(3, sortKey);
        ps.setInt(4, ordinal++);
        ps.setLong(5, b.size());
        if (b.isInline()) {
          ps.setBytes(6, b.inline().sealed());
        } else {
          ps.setNull(6, Types.BINARY);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return old;
  }

  private static void remove(Connection c, String location, String sortKey) throws SQLException {
    update(c, "DELETE FROM s3_object_blobs WHERE location = ? AND sort_key = ?", location, sortKey);
    update(c, "DELETE FROM s3_objects WHERE location = ? AND sort_key = ?", location, sortKey);
  }

  @Override
  public Optional<StoredObject> updateAttributes(
      String location, String key, ObjectAttributes attributes) {
    return sql.write(
        c -> {
          String sortKey = ObjectKeys.sortKey(key);
          int n =
              update(
                  c,
                  "UPDATE s3_objects SET content_type = ?, user_metadata = ?, checksums = ?,"
                      + " tags = ? WHERE location = ? AND sort_key = ?",
                  attributes.contentType(),
                  encode(attributes.userMetadata()),
                  encode(attributes.checksums()),
                  encode(attributes.tags()),
                  location,
                  sortKey);
          return n == 0 ? Optional.<StoredObject>empty() : find(c, location, sortKey);
        });
  }

  @Override
  public Optional<StoredObject> deleteObject(String location, String key) {
    return sql.write(
        c -> {
          String sortKey = ObjectKeys.sortKey(key);
          Optional<StoredObject> old = find(c, location, sortKey);
          if (old.isPresent()) {
            remove(c, location, sortKey);
          }
          return old;
        });
  }

  @Override
  public List<StoredObject> scan(String location, String prefix, String afterSortKey, int limit) {
    String hexPrefix = ObjectKeys.sortKey(prefix);
    return sql.read(
        c -> {
          List<StoredObject> out = new ArrayList<>();
          List<String> sortKeys = new ArrayList<>();
          // 'g' sorts after every hex digit, so [hexPrefix, hexPrefix + "g") is the prefix's range.
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT "
                          + OBJECT_COLUMNS
                          + ", sort_key FROM s3_objects WHERE location = ? AND sort_key > ?"
                          + " AND sort_key >= ? AND sort_key < ? ORDER BY sort_key LIMIT ?",
                      location,
                      afterSortKey,
                      hexPrefix,
                      hexPrefix + "g",
                      limit);
              ResultSet r = ps.executeQuery()) {
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
                    blobs(c, location, sortKeys.get(i))));
          }
          return withBlobs;
        });
  }

  @Override
  public void createUpload(String location, StoredUpload upload) {
    sql.write(
        c -> {
          requireLocation(c, location);
          ObjectAttributes a = upload.attributes();
          update(
              c,
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
    return sql.read(c -> findUpload(c, location, uploadId));
  }

  private static Optional<StoredUpload> findUpload(Connection c, String location, String uploadId)
      throws SQLException {
    try (PreparedStatement ps =
            prepare(
                c,
                "SELECT "
                    + UPLOAD_COLUMNS
                    + " FROM s3_uploads WHERE location = ? AND upload_id = ?",
                location,
                uploadId);
        ResultSet r = ps.executeQuery()) {
      return r.next() ? Optional.of(uploadRow(r)) : Optional.empty();
    }
  }

  @Override
  public List<StoredUpload> uploads(String location, String prefix) {
    String hexPrefix = ObjectKeys.sortKey(prefix);
    return sql.read(
        c -> {
          List<StoredUpload> out = new ArrayList<>();
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT "
                          + UPLOAD_COLUMNS
                          + " FROM s3_uploads WHERE location = ? AND sort_key >= ? AND sort_key < ?"
                          + " ORDER BY sort_key, initiated, upload_id",
                      location,
                      hexPrefix,
                      hexPrefix + "g");
              ResultSet r = ps.executeQuery()) {
            while (r.next()) {
              out.add(uploadRow(r));
            }
          }
          return out;
        });
  }

  private static void requireUpload(Connection c, String location, String uploadId)
      throws SQLException {
    if (findUpload(c, location, uploadId).isEmpty()) {
      throw new ObjectStoreException(
          ObjectError.NO_SUCH_UPLOAD, "The specified upload does not exist: " + uploadId);
    }
  }

  @Override
  public Optional<StoredPart> putPart(String location, String uploadId, StoredPart part) {
    return sql.write(
        c -> {
          requireUpload(c, location, uploadId);
          Optional<StoredPart> old = Optional.empty();
          for (StoredPart p : partsOf(c, uploadId)) {
            if (p.partNumber() == part.partNumber()) {
              old = Optional.of(p);
            }
          }
          update(
              c,
              "DELETE FROM s3_upload_parts WHERE upload_id = ? AND part_number = ?",
              uploadId,
              part.partNumber());
          update(
              c,
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

  private static List<StoredPart> partsOf(Connection c, String uploadId) throws SQLException {
    List<StoredPart> out = new ArrayList<>();
    try (PreparedStatement ps =
            prepare(
                c,
                "SELECT part_number, etag, last_modified, blob_id, size FROM s3_upload_parts"
                    + " WHERE upload_id = ? ORDER BY part_number",
                uploadId);
        ResultSet r = ps.executeQuery()) {
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
        c -> {
          requireUpload(c, location, uploadId);
          return partsOf(c, uploadId);
        });
  }

  @Override
  public Completion completeUpload(String location, String uploadId, StoredObject object) {
    return sql.write(
        c -> {
          requireUpload(c, location, uploadId);
          List<StoredPart> parts = partsOf(c, uploadId);
          Set<String> live = new HashSet<>();
          parts.forEach(p -> live.add(p.blob().id()));
          for (BlobRef b : object.blobs()) {
            if (!live.contains(b.id())) {
              throw new ObjectStoreException(
                  ObjectError.INVALID_PART,
                  "a part of upload " + uploadId + " was replaced while it was being completed");
            }
          }
          removeUploadRows(c, uploadId);
          return new Completion(put(c, location, object), parts);
        });
  }

  private static void removeUploadRows(Connection c, String uploadId) throws SQLException {
    update(c, "DELETE FROM s3_upload_parts WHERE upload_id = ?", uploadId);
    update(c, "DELETE FROM s3_uploads WHERE upload_id = ?", uploadId);
  }

  @Override
  public List<StoredPart> removeUpload(String location, String uploadId) {
    return sql.write(
        c -> {
          requireUpload(c, location, uploadId);
          List<StoredPart> parts = partsOf(c, uploadId);
          removeUploadRows(c, uploadId);
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
        c -> {
          Set<String> out = new HashSet<>();
          for (String table : List.of("s3_object_blobs", "s3_upload_parts")) {
            try (PreparedStatement ps =
                    prepare(
                        c,
                        "SELECT blob_id FROM " + table + " WHERE blob_id IN (" + marks + ")",
                        args);
                ResultSet r = ps.executeQuery()) {
              while (r.next()) {
                out.add(r.getString(1));
              }
            }
          }
          return out;
        });
  }
}
