-- S3 buckets with what Gatehouse keeps beside their objects. Portable between SQLite and
-- PostgreSQL, like V1 (VARCHAR, TEXT, INTEGER, BIGINT; times as epoch milliseconds).
-- A bucket name is global (one namespace across accounts), so it is the key. The owner is an
-- account id; buckets are S3's, not IAM's, so no foreign key ties them to iam_accounts.
-- location is the object store's opaque name for the bucket's storage.
-- The public access block is four flags (0 or 1), all NULL when the bucket has no configuration.

CREATE TABLE s3_buckets (
  name VARCHAR(63) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL,
  region VARCHAR(32) NOT NULL,
  created_at BIGINT NOT NULL,
  location VARCHAR(1024) NOT NULL,
  policy TEXT,
  block_public_acls INTEGER,
  ignore_public_acls INTEGER,
  block_public_policy INTEGER,
  restrict_public_buckets INTEGER
);

CREATE INDEX s3_buckets_by_account ON s3_buckets (account_id, name);

-- Tag limits (50 tags, keys 128 and values 256 characters) are the service's to enforce.
CREATE TABLE s3_bucket_tags (
  bucket VARCHAR(63) NOT NULL REFERENCES s3_buckets (name),
  tag_key VARCHAR(128) NOT NULL,
  tag_value VARCHAR(256) NOT NULL,
  PRIMARY KEY (bucket, tag_key)
);
