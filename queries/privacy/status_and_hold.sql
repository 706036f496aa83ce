-- name: privacy/status_and_hold
-- Le statut d'un ménage et, s'il est gardé hors de l'anonymisation, le motif, quand et par qui (aucune ligne : le dossier n'existe pas)
SELECT h.status, g.reason, g.held_at, g.held_by
FROM household h
LEFT JOIN anonymisation_hold g ON g.household_id = h.id
WHERE h.id = $household_id
