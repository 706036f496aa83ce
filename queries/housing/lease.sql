-- name: housing/lease
-- One lease as its edit form and the writes load it ($record_id), with the name of whoever saved it last (for a stale-save refusal).
SELECT r.*, u.display_name AS updated_by_name
FROM lease r
LEFT JOIN users u ON u.username = r.updated_by
WHERE r.id = $record_id
