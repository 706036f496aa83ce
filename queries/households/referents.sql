-- name: households/referents
-- The social workers who can be a household's referent.
SELECT username, display_name
FROM users
WHERE active AND list_contains(roles, 'travailleur_social')
ORDER BY display_name
