-- Gatehouse IAM schema. Portable between SQLite and PostgreSQL: keep to types and syntax both
-- accept (VARCHAR, TEXT, INTEGER, BIGINT; times as epoch milliseconds).
-- Names are unique per account case-insensitively: the name_lc columns carry the unique keys.

CREATE TABLE iam_accounts (
  account_id VARCHAR(12) PRIMARY KEY,
  created_at BIGINT NOT NULL,
  alias VARCHAR(63) UNIQUE
);

CREATE TABLE iam_users (
  id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  name VARCHAR(128) NOT NULL,
  name_lc VARCHAR(128) NOT NULL,
  path VARCHAR(512) NOT NULL,
  created_at BIGINT NOT NULL,
  boundary_arn VARCHAR(2048) NOT NULL,
  UNIQUE (account_id, name_lc)
);

CREATE TABLE iam_groups (
  id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  name VARCHAR(128) NOT NULL,
  name_lc VARCHAR(128) NOT NULL,
  path VARCHAR(512) NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (account_id, name_lc)
);

CREATE TABLE iam_group_members (
  group_id VARCHAR(32) NOT NULL REFERENCES iam_groups (id),
  user_id VARCHAR(32) NOT NULL REFERENCES iam_users (id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX iam_group_members_user ON iam_group_members (user_id);

CREATE TABLE iam_roles (
  id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  name VARCHAR(128) NOT NULL,
  name_lc VARCHAR(128) NOT NULL,
  path VARCHAR(512) NOT NULL,
  created_at BIGINT NOT NULL,
  description VARCHAR(1000) NOT NULL,
  max_session_duration INTEGER NOT NULL,
  trust_policy TEXT NOT NULL,
  boundary_arn VARCHAR(2048) NOT NULL,
  UNIQUE (account_id, name_lc)
);

CREATE TABLE iam_policies (
  id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  name VARCHAR(128) NOT NULL,
  name_lc VARCHAR(128) NOT NULL,
  path VARCHAR(512) NOT NULL,
  arn VARCHAR(2048) NOT NULL UNIQUE,
  default_version INTEGER NOT NULL,
  next_version INTEGER NOT NULL,
  description VARCHAR(1000) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (account_id, name_lc)
);

CREATE TABLE iam_policy_versions (
  policy_id VARCHAR(32) NOT NULL REFERENCES iam_policies (id),
  version_num INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (policy_id, version_num)
);

-- owner_id is the unique id of a user (AIDA), group (AGPA) or role (AROA).
CREATE TABLE iam_inline_policies (
  owner_id VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  name_lc VARCHAR(128) NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (owner_id, name_lc)
);

CREATE TABLE iam_attachments (
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  entity_id VARCHAR(32) NOT NULL,
  entity_kind VARCHAR(8) NOT NULL,
  policy_arn VARCHAR(2048) NOT NULL,
  PRIMARY KEY (entity_id, policy_arn)
);
CREATE INDEX iam_attachments_policy ON iam_attachments (account_id, policy_arn);

CREATE TABLE iam_tags (
  entity_id VARCHAR(32) NOT NULL,
  tag_key VARCHAR(128) NOT NULL,
  key_lc VARCHAR(128) NOT NULL,
  tag_value VARCHAR(256) NOT NULL,
  PRIMARY KEY (entity_id, key_lc)
);

-- user_id is NULL for the account root's keys. sealed_secret is an AES-256-GCM envelope.
CREATE TABLE iam_access_keys (
  access_key_id VARCHAR(128) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  user_id VARCHAR(32) REFERENCES iam_users (id),
  status VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  sealed_secret TEXT NOT NULL,
  last_used_at BIGINT,
  last_used_service VARCHAR(64),
  last_used_region VARCHAR(64)
);
CREATE INDEX iam_access_keys_owner ON iam_access_keys (account_id, user_id);
