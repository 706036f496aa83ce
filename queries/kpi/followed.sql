-- name: kpi/followed
-- Ménages suivis : les ménages actifs au moins un jour entre le premier et le dernier jour de la période, bornes comprises, lus dans les périodes de suivi tirées de l'historique daté des statuts (une période, d'une ouverture ou réouverture à la clôture suivante, commencée au plus tard le dernier jour et non close avant le premier jour ; un dossier clos puis rouvert compte, un dossier clos avant la période non), selon le type de demande. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Ménages suivis
-- section: Ménages
-- order: 20
-- figure: sum households
-- format: count
-- chart: bar x=request_type y=households
-- columns: request_type=Type de demande, households=Ménages
-- labels: request_type=REQUEST_TYPE
-- drill: kpi_drill/households_followed
-- with: followed = shared/followed_households
-- with: filtered = shared/filtered_households
SELECT h.request_type, count(*) AS households
FROM filtered h
JOIN followed f ON f.household_id = h.id
GROUP BY h.request_type
ORDER BY h.request_type
