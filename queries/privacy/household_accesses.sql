-- name: privacy/household_accesses
-- Qui a consulté ou exporté le dossier d'un ménage, et quand (journal des accès), pour le droit d'accès
SELECT a.occurred_at, coalesce(u.display_name, a.username) AS username, a.action, a.detail
FROM access_log a
LEFT JOIN users u ON u.username = a.username
WHERE a.entity = 'household' AND a.entity_id = CAST($household_id AS VARCHAR)
ORDER BY a.occurred_at, a.id
