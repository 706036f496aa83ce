-- name: users/active_user
-- One active account by username, as the session needs it on every page.
SELECT username, display_name, email, roles, sessions_revoked_at
FROM users
WHERE username = $username AND active
