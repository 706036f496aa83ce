-- name: kpi/composition
-- Composition familiale des ménages suivis : les ménages actifs au moins un jour entre le premier et le dernier jour de la période, bornes comprises (périodes de suivi tirées de l'historique daté des statuts, comme « Ménages suivis » : un dossier clos puis rouvert compte, un dossier clos avant la période non), selon la composition du ménage. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Composition familiale des ménages suivis
-- section: Ménages
-- order: 50
-- figure: sum households
-- format: count
-- chart: pie x=family_type y=households
-- columns: family_type=Composition, households=Ménages
-- labels: family_type=FAMILY_TYPE
-- drill: kpi_drill/households_followed
-- with: followed = shared/followed_households
-- with: filtered = shared/filtered_households
SELECT h.family_type, count(*) AS households
FROM filtered h
JOIN followed f ON f.household_id = h.id
GROUP BY h.family_type
ORDER BY households DESC, h.family_type
