-- name: households/person
-- One present member of one household (not one who left), with its version and who last changed it (what a write loads).
SELECT p.id, p.household_id, p.role, p.last_name, p.first_name, p.birth_date, p.sex,
       p.version, p.updated_at, coalesce(u.display_name, p.updated_by) AS updated_by_name
FROM person p
LEFT JOIN users u ON u.username = p.updated_by
WHERE p.id = $person_id AND p.household_id = $household_id AND p.left_on IS NULL
