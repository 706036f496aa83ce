-- name: privacy/closed_files
-- Dossiers clos dont le numéro commence par $term (tous si NULL), ceux que l'administrateur peut effacer : les $limit premiers par numéro, et combien en tout (total)
SELECT id, file_number, closed_on, count(*) OVER () AS total
FROM household
WHERE status = 'clos'
  AND ($term::VARCHAR IS NULL OR starts_with(file_number, $term))
ORDER BY file_number
LIMIT $limit
