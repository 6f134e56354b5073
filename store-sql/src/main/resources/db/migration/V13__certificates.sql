-- IAM users' SSH public keys and signing certificates, and server certificates. Portable between
-- SQLite and PostgreSQL, like V1.
-- A signing certificate's user_id is NULL for the root user's, as in iam_access_keys; sha256 is the
-- digest of its DER, for AWS's DuplicateCertificate. A server certificate's private key is stored
-- sealed with the master key (the envelope of core.crypto.KeyRing, bound to the certificate's id),
-- never in the clear; its tags live in iam_tags under its id.

CREATE TABLE iam_ssh_public_keys (
  id VARCHAR(128) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  user_id VARCHAR(32) NOT NULL REFERENCES iam_users (id),
  fingerprint VARCHAR(64) NOT NULL,
  body TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX iam_ssh_public_keys_user ON iam_ssh_public_keys (account_id, user_id);

CREATE TABLE iam_signing_certificates (
  id VARCHAR(128) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  user_id VARCHAR(32) REFERENCES iam_users (id),
  sha256 VARCHAR(64) NOT NULL,
  body TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX iam_signing_certificates_owner ON iam_signing_certificates (account_id, user_id);
CREATE INDEX iam_signing_certificates_digest ON iam_signing_certificates (account_id, sha256);

CREATE TABLE iam_server_certificates (
  id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  path VARCHAR(512) NOT NULL,
  name VARCHAR(128) NOT NULL,
  name_lc VARCHAR(128) NOT NULL,
  body TEXT NOT NULL,
  chain TEXT NOT NULL,
  sealed_private_key TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  UNIQUE (account_id, name_lc)
);
