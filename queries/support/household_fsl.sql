-- name: support/household_fsl
-- The FSL applications of one household, newest first (drafts, without a date, on top).
-- One page: $limit rows from $offset (support/count_household_fsl counts them).
SELECT id, kind, form, amount_requested, amount_granted, submitted_on, decided_on, status,
       refusal_reason, version, updated_at, updated_by
FROM fsl_application
WHERE household_id = $household_id
ORDER BY submitted_on DESC NULLS FIRST, id DESC
LIMIT $limit OFFSET $offset
