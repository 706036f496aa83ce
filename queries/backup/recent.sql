-- name: backup/recent
-- The latest backups, newest first: when, file, size, verified or not, tables, rows, by, error.
SELECT id, taken_at, file, size_bytes, verified, tables, rows, counts, seconds, taken_by, error
FROM backup_log
ORDER BY taken_at DESC, id DESC
LIMIT $limit
