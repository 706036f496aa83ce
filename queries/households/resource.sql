-- name: households/resource
-- One resource of one household, with its version and who last changed it (what a write loads).
SELECT r.id, r.household_id, r.person_id, r.kind, r.monthly_amount, r.valid_from,
       r.valid_until, r.version, r.updated_at,
       coalesce(u.display_name, r.updated_by) AS updated_by_name
FROM resource r
LEFT JOIN users u ON u.username = r.updated_by
WHERE r.id = $resource_id AND r.household_id = $household_id
