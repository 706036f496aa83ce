-- name: kpi/measures
-- Mesures d'accompagnement en cours : les mesures actives au moins un jour de la période (commencées au plus tard le dernier jour, et sans fin ou finies au plus tôt le premier jour, bornes comprises), comptées une fois chacune, par type de mesure. Filtres : commune et référent·e du ménage ; mesure : seulement les mesures de ce type.
-- title: Mesures en cours
-- section: Accompagnement
-- order: 10
-- figure: sum measures
-- format: count
-- chart: bar x=kind y=measures
-- columns: kind=Type de mesure, measures=Mesures
-- labels: kind=MEASURE_KIND
-- drill: kpi_drill/measures
SELECT m.kind, count(*) AS measures
FROM support_measure m
JOIN household h ON h.id = m.household_id
WHERE m.start_on <= $end
  AND (m.end_on IS NULL OR m.end_on >= $start)
  AND ($measure_kind IS NULL OR m.kind = $measure_kind)
  AND ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
GROUP BY m.kind
ORDER BY m.kind
