-- Per-account access-request notifications (DESIGN.md decision 12): where an account's webhook
-- posts, its HMAC key sealed under the master key (AES-256-GCM envelope, bound to the account id)
-- and the payload format (JSON or SLACK). Portable between SQLite and PostgreSQL, like V10.
CREATE TABLE gh_access_notifications (
  account_id VARCHAR(12) PRIMARY KEY REFERENCES iam_accounts (account_id),
  url VARCHAR(2048) NOT NULL,
  sealed_secret TEXT NOT NULL,
  format VARCHAR(8) NOT NULL,
  updated_at BIGINT NOT NULL
);
