-- name: housing/owners
-- One page ($limit rows from $offset) of the owners, ordered by name then id, each with the number of its dwellings (all, whether still in the stock or not); each row carries the total of owners.
WITH page AS (
    SELECT id, name FROM owner ORDER BY name, id LIMIT $limit OFFSET $offset
)
SELECT o.id, o.kind, o.name, o.phone, o.email, o.address, o.postal_code, o.commune,
       o.version, (SELECT count(*) FROM dwelling d WHERE d.owner_id = o.id) AS dwellings,
       (SELECT count(*) FROM owner) AS total
FROM page
JOIN owner o ON o.id = page.id
ORDER BY page.name, page.id
