-- name: console/history
-- A page of the last queries of one person in the console, newest first: SQL, when, duration, rows, error.
SELECT id, occurred_at, purpose, sql, params, seconds, rows, truncated, refused, error
FROM console_log
WHERE username = $username
ORDER BY occurred_at DESC, id DESC
LIMIT $limit OFFSET $offset
