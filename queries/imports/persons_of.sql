-- name: imports/persons_of
-- The members of households already in the app, to attach a resource to one of them.
SELECT id, household_id, last_name, first_name, birth_date
FROM person
WHERE household_id IN (SELECT unnest(CAST($household_ids AS BIGINT[])))
