-- name: kpi/welcomed
-- Ménages accueillis : les ménages dont le dossier a été ouvert (premier accueil) entre le premier et le dernier jour de la période, bornes comprises, selon le type de demande ; une réouverture n'est pas un nouvel accueil. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours pendant la période.
-- title: Ménages accueillis
-- section: Ménages
-- order: 10
-- figure: sum households
-- format: count
-- chart: bar x=request_type y=households
-- columns: request_type=Type de demande, households=Ménages
-- labels: request_type=REQUEST_TYPE
-- drill: kpi_drill/households_welcomed
SELECT h.request_type, count(*) AS households
FROM household h
WHERE h.opened_on BETWEEN $start AND $end
  AND ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
GROUP BY h.request_type
ORDER BY h.request_type
