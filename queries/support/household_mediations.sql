-- name: support/household_mediations
-- The mediations of one household, newest first.
SELECT id, counterpart, reason, mediation_on, outcome, version, updated_at, updated_by
FROM mediation
WHERE household_id = $household_id
ORDER BY mediation_on DESC, id DESC
