-- name: privacy/lease_dwellings
-- L'adresse du logement de chaque bail d'un ménage, pour le droit d'accès (jamais un identifiant)
SELECT l.id, d.typology, d.address, d.postal_code, d.commune
FROM lease l
JOIN dwelling d ON d.id = l.dwelling_id
WHERE l.household_id = $household_id
ORDER BY l.id
