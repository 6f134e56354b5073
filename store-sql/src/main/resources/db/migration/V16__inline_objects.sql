-- Small objects kept inline: the sealed bytes of an object's only blob (the same encrypted,
-- authenticated format as a blob file, bound to blob_id) in its blob row, so that the catalog
-- commit alone makes a small PUT durable. NULL for a blob kept as a file.
-- BYTEA is PostgreSQL's binary type; SQLite stores a BLOB value as it is in a column of any
-- declared type (https://www.sqlite.org/datatype3.html, "Type Affinity").
ALTER TABLE s3_object_blobs ADD COLUMN inline_data BYTEA;
