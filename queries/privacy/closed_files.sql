-- name: privacy/closed_files
-- Dossiers clos (numéro, date de clôture), ceux que l'administrateur peut effacer
SELECT id, file_number, closed_on
FROM household
WHERE status = 'clos'
ORDER BY file_number
