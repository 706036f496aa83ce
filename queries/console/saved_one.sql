-- name: console/saved_one
-- One saved query with its owner and version, as a write loads it before changing it.
SELECT q.id, q.name, q.description, q.sql, q.owner, q.shared, q.version,
       q.updated_at, q.updated_by, coalesce(u.display_name, q.updated_by) AS updated_by_name
FROM saved_query AS q
LEFT JOIN users AS u ON u.username = q.updated_by
WHERE q.id = $query_id
