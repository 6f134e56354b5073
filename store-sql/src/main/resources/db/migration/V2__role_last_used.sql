-- RoleLastUsed (GetRole): when and in which region the role was last assumed. NULL: never.
ALTER TABLE iam_roles ADD COLUMN last_used_at BIGINT;
ALTER TABLE iam_roles ADD COLUMN last_used_region VARCHAR(64);
