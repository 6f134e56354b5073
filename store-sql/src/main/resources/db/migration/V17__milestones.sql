-- One-time upgrades of the stored data that are done (core.store.MilestoneReads), so that a start
-- need not look for that work again. reached_at is milliseconds since the epoch.
CREATE TABLE gh_milestones (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    reached_at BIGINT NOT NULL
);
