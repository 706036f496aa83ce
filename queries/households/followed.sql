-- name: households/followed
-- Households followed during [$start, $end]: opened on or before $end and not closed before $start,
-- read from the dated status history (a reopening after a closing counts again).
WITH spans AS (
    SELECT household_id, event, occurred_on,
           lead(occurred_on) OVER (PARTITION BY household_id ORDER BY occurred_on, id) AS next_on
    FROM household_status_event
)
SELECT DISTINCT household_id
FROM spans
WHERE event IN ('ouverture', 'reouverture')
  AND occurred_on <= $end
  AND (next_on IS NULL OR next_on >= $start)
ORDER BY household_id
