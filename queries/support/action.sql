-- name: support/action
-- An other action of a household, as its writes load it; with the name of whoever saved it last (for a stale-save refusal).
SELECT r.*, u.display_name AS updated_by_name
FROM support_action r
LEFT JOIN users u ON u.username = r.updated_by
WHERE r.id = $record_id AND r.household_id = $household_id
