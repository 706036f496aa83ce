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
-- with: filtered = shared/filtered_households
SELECT h.commune, count(*) AS households
FROM filtered h
WHERE h.opened_on BETWEEN $start AND $end
GROUP BY h.commune
ORDER BY households DESC, h.commune
