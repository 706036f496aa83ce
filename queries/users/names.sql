-- name: users/names
-- Every account's display name, former staff included: figures kept by username name them.
SELECT username, display_name
FROM users
ORDER BY display_name
