-- Temporary elevation with approval (DESIGN.md decision 12): roles' request policies, access
-- requests with the grants they became, and every step of their history. Portable between SQLite
-- and PostgreSQL, like V1 (times as epoch milliseconds; booleans as 0/1 integers).

-- A role with a row here can be assumed only under a live grant. approvers: ARNs, one per line.
CREATE TABLE gh_request_policies (
  role_id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  role_arn VARCHAR(2048) NOT NULL,
  max_duration_s BIGINT NOT NULL,
  approvers TEXT NOT NULL,
  quorum INTEGER NOT NULL,
  mfa_to_request INTEGER NOT NULL,
  mfa_to_approve INTEGER NOT NULL,
  reason_required INTEGER NOT NULL,
  ticket_required INTEGER NOT NULL,
  break_glass INTEGER NOT NULL,
  single_use INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

-- status: PENDING, ACTIVE, DENIED, ENDED. grant_* are set from approval on; ended_* once ENDED.
CREATE TABLE gh_access_requests (
  id VARCHAR(64) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  role_id VARCHAR(32) NOT NULL,
  role_arn VARCHAR(2048) NOT NULL,
  requester_id VARCHAR(32) NOT NULL,
  requester_arn VARCHAR(2048) NOT NULL,
  reason TEXT NOT NULL,
  ticket VARCHAR(128) NOT NULL,
  duration_s BIGINT NOT NULL,
  not_before BIGINT,
  created_at BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  quorum INTEGER NOT NULL,
  single_use INTEGER NOT NULL,
  break_glass INTEGER NOT NULL,
  grant_id VARCHAR(64) UNIQUE,
  grant_start BIGINT,
  grant_end BIGINT,
  grant_used INTEGER NOT NULL,
  ended_at BIGINT,
  ended_reason VARCHAR(16)
);
CREATE INDEX gh_access_requests_account ON gh_access_requests (account_id, created_at);
CREATE INDEX gh_access_requests_holder ON gh_access_requests (role_id, requester_id, status);

CREATE TABLE gh_access_decisions (
  request_id VARCHAR(64) NOT NULL REFERENCES gh_access_requests (id),
  seq INTEGER NOT NULL,
  at BIGINT NOT NULL,
  actor_arn VARCHAR(2048) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  comment TEXT NOT NULL,
  detail VARCHAR(256) NOT NULL,
  PRIMARY KEY (request_id, seq)
);
