-- name: imports/referents
-- The active social workers, by username and display name: a file's « Référent » column
-- may give either.
SELECT username, display_name
FROM users
WHERE active AND list_contains(roles, $role)
