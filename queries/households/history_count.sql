-- name: households/history_count
-- How many audit rows one household has (its history's length).
SELECT count(*) AS total
FROM audit_log
WHERE household_id = $household_id
