-- name: housing/capture_owners
-- The known owners a lead or a signed convention may name, by name: id, name, kind and commune.
SELECT id, name, kind, commune
FROM owner
ORDER BY name, id
