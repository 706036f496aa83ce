-- name: users/account
-- One account, active or not, with what sign-in and the admin screen need (what a write loads).
SELECT username, display_name, email, password_hash, roles, active, failed_attempts,
       locked_until, sessions_revoked_at, created_at, version, must_change_password
FROM users
WHERE username = $username
