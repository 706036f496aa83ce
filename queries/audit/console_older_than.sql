-- name: audit/console_older_than
-- How many SQL console log rows are older than the cut-off day (what a purge would delete).
SELECT count(*) AS total FROM console_log WHERE occurred_at < $cutoff_on::DATE
