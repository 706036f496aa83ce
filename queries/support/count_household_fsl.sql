-- name: support/count_household_fsl
-- How many rows support/household_fsl lists for one household (its pager's total).
SELECT count(*) AS total
FROM fsl_application
WHERE household_id = $household_id
