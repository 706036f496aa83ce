-- name: audit/entries
-- A page of the audit log, newest first, filtered by user, entity, action and period.
SELECT a.id, a.occurred_at, a.username, u.display_name, a.action, a.entity, a.entity_id,
       a.household_id, a.diff
FROM audit_log a
LEFT JOIN users u ON u.username = a.username
WHERE ($username::VARCHAR IS NULL OR a.username = $username)
  AND ($entity::VARCHAR IS NULL OR a.entity = $entity)
  AND ($action::VARCHAR IS NULL OR a.action = $action)
  AND ($start_on::DATE IS NULL OR a.occurred_at >= $start_on::DATE)
  AND ($end_on::DATE IS NULL OR a.occurred_at < $end_on::DATE + INTERVAL 1 DAY)
ORDER BY a.id DESC
LIMIT $limit OFFSET $offset
