-- name: support/household_stages
-- Every stage of one household's eviction procedures, in the order they happened.
SELECT procedure_id, stage, stage_on, arrears
FROM eviction_stage
WHERE household_id = $household_id
ORDER BY procedure_id, stage_on, id
