-- name: kpi/mediations
-- Médiations : les médiations datées entre le premier et le dernier jour de la période, bornes comprises, par interlocuteur et par résultat (celui enregistré). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Médiations
-- section: Accompagnement
-- order: 30
-- figure: sum mediations
-- format: count
-- chart: bar x=counterpart y=mediations color=outcome
-- columns: counterpart=Interlocuteur, outcome=Résultat, mediations=Médiations
-- labels: counterpart=MEDIATION_COUNTERPART, outcome=MEDIATION_OUTCOME
-- drill: kpi_drill/mediations
SELECT md.counterpart, md.outcome, count(*) AS mediations
FROM mediation md
JOIN household h ON h.id = md.household_id
WHERE md.mediation_on BETWEEN $start AND $end
  AND ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
GROUP BY md.counterpart, md.outcome
ORDER BY md.counterpart, md.outcome
