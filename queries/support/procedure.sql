-- name: support/procedure
-- An eviction procedure of a household, as its writes load it; with the name of whoever saved it last (for a stale-save refusal).
SELECT r.*, u.display_name AS updated_by_name
FROM eviction_procedure r
LEFT JOIN users u ON u.username = r.updated_by
WHERE r.id = $record_id AND r.household_id = $household_id
