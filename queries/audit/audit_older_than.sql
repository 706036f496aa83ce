-- name: audit/audit_older_than
-- How many audit log rows are older than the cut-off day (what a purge would delete).
SELECT count(*) AS total FROM audit_log WHERE occurred_at < $cutoff_on::DATE
