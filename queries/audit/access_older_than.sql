-- name: audit/access_older_than
-- How many access log rows are older than the cut-off day (what a purge would delete).
SELECT count(*) AS total FROM access_log WHERE occurred_at < $cutoff_on::DATE
