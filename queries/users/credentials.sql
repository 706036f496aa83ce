-- name: users/credentials
-- Active accounts with what the login needs: hash, roles, lock and revocation times.
SELECT username, display_name, email, password_hash, roles,
       failed_attempts, locked_until, sessions_revoked_at
FROM users
WHERE active
ORDER BY username
