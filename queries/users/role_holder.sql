-- name: users/role_holder
-- An active account holding $role, by username (a referent must be an active social worker).
SELECT username, display_name
FROM users
WHERE username = $username AND active AND list_contains(roles, $role)
