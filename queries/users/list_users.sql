-- name: users/list_users
-- Every account for the admin screen, without password hashes.
SELECT username, display_name, email, roles, active, failed_attempts, locked_until, created_at,
       must_change_password
FROM users
ORDER BY username
