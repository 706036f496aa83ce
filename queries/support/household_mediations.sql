-- name: support/household_mediations
-- The mediations of one household, newest first.
-- One page: $limit rows from $offset (support/count_household_mediations counts them).
SELECT id, counterpart, reason, mediation_on, outcome, version, updated_at, updated_by
FROM mediation
WHERE household_id = $household_id
ORDER BY mediation_on DESC, id DESC
LIMIT $limit OFFSET $offset
