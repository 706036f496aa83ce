-- name: console/saved_list
-- A page of the saved queries a person sees (their own and those others shared), by name.
SELECT q.id, q.name, q.description, q.sql, q.owner,
       coalesce(u.display_name, q.owner) AS owner_name, q.shared, q.version,
       q.updated_at, q.owner = $username AS mine
FROM saved_query AS q
LEFT JOIN users AS u ON u.username = q.owner
WHERE q.owner = $username OR q.shared
ORDER BY strip_accents(lower(q.name)), q.id
LIMIT $limit OFFSET $offset
