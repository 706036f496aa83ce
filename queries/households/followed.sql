-- name: households/followed
-- Households followed during [$start, $end]: opened on or before $end and not closed before $start,
-- read from the periods of follow-up drawn from the dated status history (household_follow_span:
-- a reopening after a closing counts again).
SELECT DISTINCT household_id
FROM household_follow_span
WHERE from_on <= $end
  AND (to_on IS NULL OR to_on >= $start)
ORDER BY household_id
