-- name: households/closed_between
-- Households closed during [$start, $end], with the reason, from the dated status history.
SELECT household_id, occurred_on AS closed_on, close_reason
FROM household_status_event
WHERE event = 'cloture' AND occurred_on BETWEEN $start AND $end
ORDER BY occurred_on, household_id
