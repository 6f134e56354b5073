-- STS state shared by every node: virtual MFA devices and session revocations.
-- Portable between SQLite and PostgreSQL, like V1 (times as epoch milliseconds).

-- The seed is stored sealed with the master key ring (bound to the serial number), never in clear.
-- user_id is NULL while the device is unassigned; it references the user by id, so DeleteUser must
-- refuse while a device is enabled, and a rename keeps the device. last_used_step and drift_steps
-- are the TOTP verifier's state: a code is accepted by replacing them compare-and-set.
CREATE TABLE iam_mfa_devices (
  serial_number VARCHAR(600) PRIMARY KEY,
  serial_lc VARCHAR(600) NOT NULL UNIQUE,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  sealed_seed VARCHAR(1024) NOT NULL,
  created_at BIGINT NOT NULL,
  user_id VARCHAR(32) REFERENCES iam_users (id),
  enabled_at BIGINT,
  last_used_step BIGINT NOT NULL,
  drift_steps INTEGER NOT NULL
);
CREATE INDEX iam_mfa_devices_account ON iam_mfa_devices (account_id);
CREATE INDEX iam_mfa_devices_user ON iam_mfa_devices (user_id);

-- kind is ACCESS_KEY (id: a temporary access key id) or ORIGIN (id: a user's or account's id,
-- sessions issued before revoked_at). Rows are pruned once no session they match can be alive.
CREATE TABLE sts_session_revocations (
  kind VARCHAR(16) NOT NULL,
  id VARCHAR(128) NOT NULL,
  revoked_at BIGINT NOT NULL,
  PRIMARY KEY (kind, id)
);
