-- name: audit/entries_count
-- How many audit log rows the filters keep (user, entity, action, period).
SELECT count(*) AS total
FROM audit_log a
WHERE ($username::VARCHAR IS NULL OR a.username = $username)
  AND ($entity::VARCHAR IS NULL OR a.entity = $entity)
  AND ($action::VARCHAR IS NULL OR a.action = $action)
  AND ($start_on::DATE IS NULL OR a.occurred_at >= $start_on::DATE)
  AND ($end_on::DATE IS NULL OR a.occurred_at < $end_on::DATE + INTERVAL 1 DAY)
