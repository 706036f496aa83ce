-- name: households/resources
-- The monthly resources of one household, by member and type.
SELECT r.id, r.kind, r.monthly_amount, p.first_name || ' ' || p.last_name AS member
FROM resource r
LEFT JOIN person p ON p.id = r.person_id
WHERE r.household_id = $household_id
ORDER BY p.id, r.kind
