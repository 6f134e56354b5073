-- IAM instance profiles and the role each holds. Portable between SQLite and PostgreSQL, like V1.
-- Tags of instance profiles (and of customer managed policies) live in iam_tags under their ids.

CREATE TABLE iam_instance_profiles (
  id VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  name VARCHAR(128) NOT NULL,
  name_lc VARCHAR(128) NOT NULL,
  path VARCHAR(512) NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (account_id, name_lc)
);

-- AWS allows one role per instance profile (a quota the services pass in); the table does not
-- fix it, so a raised quota needs no migration. DeleteRole and DeleteInstanceProfile refuse
-- (DeleteConflict) while a row names the role or the profile.
CREATE TABLE iam_instance_profile_roles (
  profile_id VARCHAR(32) NOT NULL REFERENCES iam_instance_profiles (id),
  role_id VARCHAR(32) NOT NULL REFERENCES iam_roles (id),
  PRIMARY KEY (profile_id, role_id)
);
CREATE INDEX iam_instance_profile_roles_role ON iam_instance_profile_roles (role_id);
