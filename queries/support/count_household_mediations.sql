-- name: support/count_household_mediations
-- How many rows support/household_mediations lists for one household (its pager's total).
SELECT count(*) AS total
FROM mediation
WHERE household_id = $household_id
