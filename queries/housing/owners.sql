-- name: housing/owners
-- Every owner with the number of its dwellings (all, whether still in the stock or not), ordered by name then id.
SELECT o.id, o.kind, o.name, o.phone, o.email, o.address, o.postal_code, o.commune,
       o.version, count(d.id) AS dwellings
FROM owner o
LEFT JOIN dwelling d ON d.owner_id = o.id
GROUP BY ALL
ORDER BY o.name, o.id
