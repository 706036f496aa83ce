-- name: kpi/communes
-- Communes d'origine : les ménages accueillis, c'est-à-dire dont le dossier a été ouvert (premier accueil) entre le premier et le dernier jour de la période, bornes comprises (une réouverture n'est pas un nouvel accueil), selon la commune de résidence du dossier (vide : non renseignée). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Ménages accueillis par commune
-- section: Ménages
-- order: 100
-- figure: sum households
-- format: count
-- chart: hbar x=commune y=households
-- columns: commune=Commune, households=Ménages
-- drill: kpi_drill/households_welcomed
SELECT h.commune, count(*) AS households
FROM household h
WHERE h.opened_on BETWEEN $start AND $end
  AND ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
GROUP BY h.commune
ORDER BY households DESC, h.commune
