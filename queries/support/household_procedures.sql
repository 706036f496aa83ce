-- name: support/household_procedures
-- The eviction procedures of one household (open first, then newest), with their last stage.
SELECT p.id, p.landlord, p.closed_on, p.outcome, p.version, p.updated_at, p.updated_by,
       s.stage AS last_stage, s.stage_on AS last_stage_on, s.arrears AS last_arrears,
       first.stage_on AS opened_on
FROM eviction_procedure p
LEFT JOIN (
    SELECT procedure_id, stage, stage_on, arrears,
           row_number() OVER (PARTITION BY procedure_id ORDER BY stage_on DESC, id DESC) AS rank
    FROM eviction_stage
    WHERE household_id = $household_id
) s ON s.procedure_id = p.id AND s.rank = 1
LEFT JOIN (
    SELECT procedure_id, min(stage_on) AS stage_on
    FROM eviction_stage
    WHERE household_id = $household_id
    GROUP BY procedure_id
) first ON first.procedure_id = p.id
WHERE p.household_id = $household_id
ORDER BY p.closed_on IS NOT NULL, first.stage_on DESC, p.id DESC
