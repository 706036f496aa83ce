-- name: households/history
-- A page of the audit rows of one household, newest first: who changed what, and when.
SELECT a.occurred_at, a.username, u.display_name, a.action, a.entity, a.entity_id, a.diff
FROM audit_log a
LEFT JOIN users u ON u.username = a.username
WHERE a.household_id = $household_id
ORDER BY a.id DESC
LIMIT $limit OFFSET $offset
