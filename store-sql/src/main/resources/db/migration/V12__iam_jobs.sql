-- Asynchronous IAM jobs, answered by id: service-linked role deletion tasks, the account's
-- credential report, access-advisor (service last accessed) reports. Portable between SQLite and
-- PostgreSQL, like V1. content is what the job produced (a report), '' when nothing.

CREATE TABLE iam_jobs (
  account_id VARCHAR(12) NOT NULL REFERENCES iam_accounts (account_id),
  job_id VARCHAR(1000) NOT NULL,
  kind VARCHAR(64) NOT NULL,
  status VARCHAR(32) NOT NULL,
  created_at BIGINT NOT NULL,
  completed_at BIGINT,
  content TEXT NOT NULL,
  PRIMARY KEY (account_id, job_id)
);
