-- The embedded object store's catalog (S3 objects whose bytes are blob files in the data dir).
-- Portable between SQLite and PostgreSQL, like V1; it refers to no earlier table.
-- Keys are ordered by sort_key, the lower-case hex of the key's UTF-8 bytes: its string order is
-- S3's UTF-8 binary order under any collation of 0-9 and a-f, so listing is an index range scan.

CREATE TABLE s3_object_locations (
  location VARCHAR(128) PRIMARY KEY,
  created_at BIGINT NOT NULL
);

-- Maps (user metadata, checksums, tags) are form-encoded: k=v&k=v, each part URL-encoded.
CREATE TABLE s3_objects (
  location VARCHAR(128) NOT NULL REFERENCES s3_object_locations (location),
  sort_key VARCHAR(2048) NOT NULL,
  object_key TEXT NOT NULL,
  size BIGINT NOT NULL,
  etag VARCHAR(64) NOT NULL,
  last_modified BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  user_metadata TEXT NOT NULL,
  checksums TEXT NOT NULL,
  tags TEXT NOT NULL,
  PRIMARY KEY (location, sort_key)
);

-- The blobs whose concatenation (by ordinal) is an object's content.
CREATE TABLE s3_object_blobs (
  blob_id VARCHAR(64) PRIMARY KEY,
  location VARCHAR(128) NOT NULL,
  sort_key VARCHAR(2048) NOT NULL,
  ordinal INTEGER NOT NULL,
  size BIGINT NOT NULL,
  FOREIGN KEY (location, sort_key) REFERENCES s3_objects (location, sort_key)
);
CREATE INDEX s3_object_blobs_by_object ON s3_object_blobs (location, sort_key, ordinal);

CREATE TABLE s3_uploads (
  upload_id VARCHAR(64) PRIMARY KEY,
  location VARCHAR(128) NOT NULL REFERENCES s3_object_locations (location),
  sort_key VARCHAR(2048) NOT NULL,
  object_key TEXT NOT NULL,
  initiated BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  user_metadata TEXT NOT NULL,
  checksums TEXT NOT NULL,
  tags TEXT NOT NULL
);
CREATE INDEX s3_uploads_by_key ON s3_uploads (location, sort_key);

CREATE TABLE s3_upload_parts (
  upload_id VARCHAR(64) NOT NULL REFERENCES s3_uploads (upload_id),
  part_number INTEGER NOT NULL,
  etag VARCHAR(64) NOT NULL,
  last_modified BIGINT NOT NULL,
  blob_id VARCHAR(64) NOT NULL,
  size BIGINT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);
CREATE INDEX s3_upload_parts_by_blob ON s3_upload_parts (blob_id);
