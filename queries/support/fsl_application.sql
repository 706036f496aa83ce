-- name: support/fsl_application
-- An FSL application of a household, as its edit form and its writes load it; with the name of whoever saved it last (for a stale-save refusal).
SELECT r.*, u.display_name AS updated_by_name
FROM fsl_application r
LEFT JOIN users u ON u.username = r.updated_by
WHERE r.id = $record_id AND r.household_id = $household_id
