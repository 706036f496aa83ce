-- name: households/contacts_count
-- How many contacts one household has.
SELECT count(*) AS total
FROM contact
WHERE household_id = $household_id
