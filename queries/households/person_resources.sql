-- name: households/person_resources
-- The resources of one member still received on $day (a member's removal ends them).
SELECT id, household_id, person_id, kind, monthly_amount, valid_from, valid_until, version
FROM resource
WHERE person_id = $person_id AND (valid_until IS NULL OR valid_until > $day)
ORDER BY id
