-- Access advisor (GenerateServiceLastAccessedDetails): when each entity last attempted each action
-- of a service, and in which region. Written in batches off the request path; one row per
-- (account, entity, service, action), kept at its latest attempt. Portable between SQLite and
-- PostgreSQL, like V1.

CREATE TABLE iam_service_access (
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  entity_arn VARCHAR(2048) NOT NULL,
  service VARCHAR(128) NOT NULL,
  action VARCHAR(128) NOT NULL,
  region VARCHAR(64) NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, entity_arn, service, action)
);
