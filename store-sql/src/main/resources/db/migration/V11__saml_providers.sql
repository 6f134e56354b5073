-- IAM SAML 2.0 identity providers. Portable between SQLite and PostgreSQL, like V1.
-- A provider is named like other IAM entities (unique in the account ignoring case); id is
-- Gatehouse's own key, under which the provider's tags live in iam_tags. The metadata document
-- (up to 10,000,000 characters, the services' limit) is kept as given.

CREATE TABLE iam_saml_providers (
  id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  name VARCHAR(128) NOT NULL,
  name_lc VARCHAR(128) NOT NULL,
  metadata_document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  valid_until BIGINT NOT NULL,
  UNIQUE (account_id, name_lc)
);
