-- name: imports/history
-- Past imports, newest first: when, who, file, its hash, counts and duration.
SELECT i.id, i.started_at, i.username, coalesce(u.display_name, i.username) AS display_name,
       i.file_name, i.file_hash, i.created, i.updated, i.unchanged, i.refused, i.counts,
       i.seconds
FROM import_log i
LEFT JOIN users u ON u.username = i.username
ORDER BY i.started_at DESC, i.id DESC
LIMIT $limit
