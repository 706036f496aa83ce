-- name: shared/resources_received
-- Ressources perçues sur la période, la règle que lisent les indicateurs de ressources : chaque ressource (ménage, type) perçue au moins un jour entre le premier ($start) et le dernier jour ($end), bornes comprises (une ligne par ressource : un ménage peut en avoir plusieurs du même type ; perçue à partir de sa date de début, vide : depuis toujours, jusqu'à la veille de sa date de fin, vide : toujours perçue ; une ressource finie le jour où elle commence n'est jamais perçue).
SELECT r.household_id, r.kind
FROM resource r
WHERE (r.valid_from IS NULL OR r.valid_from <= $end)
  AND (r.valid_until IS NULL OR r.valid_until > $start)
  AND (r.valid_from IS NULL OR r.valid_until IS NULL OR r.valid_until > r.valid_from)
