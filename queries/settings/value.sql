-- name: settings/value
-- The stored value (JSON) of one setting, if an admin has set it.
SELECT value FROM setting WHERE key = $key
