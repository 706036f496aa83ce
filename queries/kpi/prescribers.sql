-- name: kpi/prescribers
-- Prescripteurs : les ménages accueillis, c'est-à-dire dont le dossier a été ouvert (premier accueil) entre le premier et le dernier jour de la période, bornes comprises (une réouverture n'est pas un nouvel accueil), selon qui les a orientés (prescripteur du dossier ; vide : non renseigné). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Ménages accueillis par prescripteur
-- section: Ménages
-- order: 90
-- figure: sum households
-- format: count
-- chart: hbar x=prescriber y=households
-- columns: prescriber=Prescripteur, households=Ménages
-- labels: prescriber=PRESCRIBER
-- drill: kpi_drill/households_welcomed
-- with: filtered = shared/filtered_households
SELECT h.prescriber, count(*) AS households
FROM filtered h
WHERE h.opened_on BETWEEN $start AND $end
GROUP BY h.prescriber
ORDER BY households DESC, h.prescriber
