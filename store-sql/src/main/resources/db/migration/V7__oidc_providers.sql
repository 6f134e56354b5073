-- IAM OpenID Connect identity providers. Portable between SQLite and PostgreSQL, like V1.
-- A provider is named by its URL without https:// (the end of its ARN), unique in the account;
-- id is Gatehouse's own key, under which the provider's tags live in iam_tags.

CREATE TABLE iam_oidc_providers (
  id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  url VARCHAR(255) NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (account_id, url)
);

-- Client ids and thumbprints keep the order they were given in (ordinal from 0). Their limits
-- (100 client ids, 5 thumbprints) are the services' to enforce, so a raised quota needs no
-- migration.
CREATE TABLE iam_oidc_provider_client_ids (
  provider_id VARCHAR(32) NOT NULL REFERENCES iam_oidc_providers (id),
  ordinal INTEGER NOT NULL,
  client_id VARCHAR(255) NOT NULL,
  PRIMARY KEY (provider_id, ordinal)
);

CREATE TABLE iam_oidc_provider_thumbprints (
  provider_id VARCHAR(32) NOT NULL REFERENCES iam_oidc_providers (id),
  ordinal INTEGER NOT NULL,
  thumbprint VARCHAR(40) NOT NULL,
  PRIMARY KEY (provider_id, ordinal)
);
