-- name: households/status_history
-- The last $limit dated status changes of one household (opening, closings, reopenings), oldest first, with how many there are in all (total).
SELECT event, occurred_on, close_reason, recorded_at, recorded_by_name, total
FROM (
    SELECT e.id, e.event, e.occurred_on, e.close_reason, e.recorded_at,
           coalesce(u.display_name, e.recorded_by) AS recorded_by_name,
           count(*) OVER () AS total
    FROM household_status_event e
    LEFT JOIN users u ON u.username = e.recorded_by
    WHERE e.household_id = $household_id
    ORDER BY e.occurred_on DESC, e.id DESC
    LIMIT $limit
)
ORDER BY occurred_on, id
