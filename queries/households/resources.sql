-- name: households/resources
-- The monthly resources of one household received on $day, by member and type.
SELECT r.id, r.kind, r.monthly_amount, r.valid_from, r.version,
       p.first_name || ' ' || p.last_name AS member
FROM resource r
LEFT JOIN person p ON p.id = r.person_id
WHERE r.household_id = $household_id
  AND (r.valid_from IS NULL OR r.valid_from <= $day)
  AND (r.valid_until IS NULL OR r.valid_until > $day)
ORDER BY p.id, r.kind, r.id
