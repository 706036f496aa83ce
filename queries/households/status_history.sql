-- name: households/status_history
-- The dated status changes of one household (opening, closings, reopenings), oldest first.
SELECT e.event, e.occurred_on, e.close_reason, e.recorded_at,
       coalesce(u.display_name, e.recorded_by) AS recorded_by_name
FROM household_status_event e
LEFT JOIN users u ON u.username = e.recorded_by
WHERE e.household_id = $household_id
ORDER BY e.occurred_on, e.id
