-- name: privacy/household_row
-- Toutes les colonnes de la fiche d'un ménage, pour le droit d'accès
SELECT *
FROM household
WHERE id = $household_id
