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
-- with: filtered = shared/filtered_households
SELECT h.request_type, count(*) AS households
FROM filtered h
WHERE h.opened_on BETWEEN $start AND $end
GROUP BY h.request_type
ORDER BY h.request_type
