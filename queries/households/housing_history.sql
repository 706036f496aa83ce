-- name: households/housing_history
-- The dated housing situations of one household (at intake, then each change), oldest first.
SELECT situation, from_on, recorded_at
FROM housing_situation_event
WHERE household_id = $household_id
ORDER BY from_on, id
