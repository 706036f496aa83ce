-- name: shared/filtered_dwelling_days
-- Les jours dans le parc et d'occupation sur la période (shared/dwelling_days, du premier jour $start au dernier $end) des logements retenus par les filtres du tableau de bord : commune ($commune) et dispositif ($programme) du logement, vides : tous ; avec le dispositif et le loyer mensuel hors charges du logement.
-- with: days = shared/dwelling_days
SELECT s.dwelling_id, d.programme, d.rent, s.stock_days, s.occupied_days
FROM days s
JOIN dwelling d ON d.id = s.dwelling_id
WHERE ($commune IS NULL OR d.commune = $commune)
  AND ($programme IS NULL OR d.programme = $programme)
