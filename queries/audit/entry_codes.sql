-- name: audit/entry_codes
-- The users, entities and actions found in the audit log, for its filters' choices.
SELECT 'username' AS kind, username AS code FROM audit_log GROUP BY username
UNION ALL
SELECT 'entity', entity FROM audit_log GROUP BY entity
UNION ALL
SELECT 'action', action FROM audit_log GROUP BY action
ORDER BY kind, code
