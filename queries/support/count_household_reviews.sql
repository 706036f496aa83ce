-- name: support/count_household_reviews
-- How many rows support/household_reviews lists for one household (its pager's total):
-- its reviews and its renewals.
SELECT (SELECT count(*) FROM measure_review WHERE household_id = $household_id)
       + (SELECT count(*) FROM measure_renewal WHERE household_id = $household_id) AS total
