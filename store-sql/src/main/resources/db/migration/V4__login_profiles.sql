-- Console passwords. Only PBKDF2 hashes are stored (algorithm, cost and salt in the value), never a
-- password. Booleans are INTEGER 0/1; times are epoch milliseconds.

-- password_history: earlier hashes, newest first, one per line (PasswordReusePrevention).
CREATE TABLE iam_login_profiles (
  user_id VARCHAR(32) PRIMARY KEY REFERENCES iam_users (id),
  password_hash VARCHAR(256) NOT NULL,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL,
  reset_required INTEGER NOT NULL,
  password_history TEXT NOT NULL
);

CREATE TABLE iam_root_passwords (
  account_id VARCHAR(12) PRIMARY KEY REFERENCES iam_accounts (account_id),
  password_hash VARCHAR(256) NOT NULL
);

-- max_password_age and password_reuse_prevention are 0 when not set.
CREATE TABLE iam_password_policies (
  account_id VARCHAR(12) PRIMARY KEY REFERENCES iam_accounts (account_id),
  minimum_length INTEGER NOT NULL,
  require_symbols INTEGER NOT NULL,
  require_numbers INTEGER NOT NULL,
  require_uppercase INTEGER NOT NULL,
  require_lowercase INTEGER NOT NULL,
  allow_users_to_change INTEGER NOT NULL,
  max_password_age INTEGER NOT NULL,
  password_reuse_prevention INTEGER NOT NULL,
  hard_expiry INTEGER NOT NULL
);
