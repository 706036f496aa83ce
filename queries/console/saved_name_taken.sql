-- name: console/saved_name_taken
-- Whether the owner already has another saved query of that name (letter case aside).
SELECT id
FROM saved_query
WHERE owner = $owner AND lower(name) = lower($title) AND id IS DISTINCT FROM $query_id
