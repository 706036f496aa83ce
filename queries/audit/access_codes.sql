-- name: audit/access_codes
-- The users, entities and actions found in the access log, for its filters' choices.
SELECT 'username' AS kind, username AS code FROM access_log GROUP BY username
UNION ALL
SELECT 'entity', entity FROM access_log WHERE entity IS NOT NULL GROUP BY entity
UNION ALL
SELECT 'action', action FROM access_log GROUP BY action
ORDER BY kind, code
