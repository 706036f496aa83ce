-- name: privacy/open_among
-- Combien des ménages $ids ne sont pas clos (total) : seuls des dossiers clos s'anonymisent
SELECT count(*) AS total
FROM household
WHERE id IN (SELECT unnest($ids)) AND status <> 'clos'
