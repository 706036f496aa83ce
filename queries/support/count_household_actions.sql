-- name: support/count_household_actions
-- How many rows support/household_actions lists for one household (its pager's total).
SELECT count(*) AS total
FROM support_action
WHERE household_id = $household_id
