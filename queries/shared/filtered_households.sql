-- name: shared/filtered_households
-- Ménages retenus par les filtres du tableau de bord : commune ($commune) et référent·e ($worker) du ménage, vides : tous ; mesure ($measure_kind) : ménages ayant une mesure de ce type en cours au moins un jour entre le premier ($start) et le dernier jour ($end) de la période.
SELECT h.*
FROM household h
WHERE ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
