-- AWS Organizations: organizations, the accounts in them and the CreateAccount requests.
-- Portable between SQLite and PostgreSQL, like V1 (times as epoch milliseconds).

CREATE TABLE org_organizations (
  id VARCHAR(34) PRIMARY KEY,
  management_account_id VARCHAR(12) NOT NULL UNIQUE REFERENCES iam_accounts (account_id),
  feature_set VARCHAR(32) NOT NULL,
  created_at BIGINT NOT NULL
);

-- One row per account in an organization, the management account included: the primary key keeps
-- an account in at most one organization. email_lc is NULL where no address is known (the
-- management account); addresses are unique across organizations.
CREATE TABLE org_accounts (
  account_id VARCHAR(12) PRIMARY KEY REFERENCES iam_accounts (account_id),
  organization_id VARCHAR(34) NOT NULL REFERENCES org_organizations (id),
  name VARCHAR(128) NOT NULL,
  email VARCHAR(64) NOT NULL,
  email_lc VARCHAR(64) UNIQUE,
  joined_method VARCHAR(16) NOT NULL,
  joined_at BIGINT NOT NULL
);
CREATE INDEX org_accounts_organization ON org_accounts (organization_id);

-- Tags given to CreateAccount (Organizations tag keys are case-sensitive).
CREATE TABLE org_account_tags (
  account_id VARCHAR(12) NOT NULL REFERENCES org_accounts (account_id),
  tag_key VARCHAR(128) NOT NULL,
  tag_value VARCHAR(256) NOT NULL,
  PRIMARY KEY (account_id, tag_key)
);

-- account_id is set for a request that succeeded, failure_reason for one that failed.
CREATE TABLE org_create_account_requests (
  id VARCHAR(36) PRIMARY KEY,
  organization_id VARCHAR(34) NOT NULL REFERENCES org_organizations (id),
  account_name VARCHAR(50) NOT NULL,
  state VARCHAR(16) NOT NULL,
  requested_at BIGINT NOT NULL,
  completed_at BIGINT NOT NULL,
  account_id VARCHAR(12) REFERENCES iam_accounts (account_id),
  failure_reason VARCHAR(64)
);
