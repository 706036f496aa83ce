-- name: support/procedure_stages
-- The stages recorded for one eviction procedure, in the order they happened.
SELECT stage, stage_on, arrears
FROM eviction_stage
WHERE procedure_id = $procedure_id
ORDER BY stage_on, id
