-- name: privacy/audit_rows
-- Les lignes du journal d'audit sur les ménages $ids, leurs membres, ressources et contacts, dans l'ordre : ce que l'anonymisation nettoie et ce que le droit d'accès montre
SELECT *
FROM audit_log
WHERE household_id IN (SELECT unnest($ids))
   OR (entity = 'household' AND entity_id IN (SELECT CAST(unnest($ids) AS VARCHAR)))
   OR (entity IN ('person', 'contact', 'resource') AND entity_id IN (
        SELECT CAST(id AS VARCHAR) FROM person WHERE household_id IN (SELECT unnest($ids))
        UNION ALL SELECT CAST(id AS VARCHAR) FROM contact
            WHERE household_id IN (SELECT unnest($ids))
        UNION ALL SELECT CAST(id AS VARCHAR) FROM resource
            WHERE household_id IN (SELECT unnest($ids))))
ORDER BY occurred_at, id
