-- name: kpi/persons_rehoused
-- Personnes relogées : les personnes des ménages relogés entre le premier et le dernier jour de la période, bornes comprises (les mêmes ménages que « Ménages relogés » : un bail de ménage de l'association qui commence dans la période sans prolonger un autre bail de ménage du même ménage en cours la veille, ou une mesure terminée avec le motif « relogé » dans la période ; chaque ménage une fois, à son premier relogement de la période), chaque ménage comptant ses membres le jour de ce relogement (déclarés à l'accueil ou arrivés au plus tard ce jour-là, et pas encore partis : un membre parti avant n'est pas compté, un membre arrivé après non plus), selon ce qui a marqué le relogement, à côté du nombre de ménages. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Personnes relogées
-- section: Ménages
-- order: 35
-- figure: sum persons
-- format: count
-- chart: pie x=how y=persons
-- columns: how=Relogement, households=Ménages, persons=Personnes
-- drill: kpi_drill/households_rehoused
-- with: firsts = shared/rehoused_households
-- with: filtered = shared/filtered_households
WITH rehoused AS (
    SELECT h.id, f.how, f.rehoused_on
    FROM firsts f
    JOIN filtered h ON h.id = f.household_id
)
SELECT r.how, count(DISTINCT r.id) AS households, count(p.id) AS persons
FROM rehoused r
LEFT JOIN person p ON p.household_id = r.id
    AND (p.joined_on IS NULL OR p.joined_on <= r.rehoused_on)
    AND (p.left_on IS NULL OR p.left_on > r.rehoused_on)
GROUP BY r.how
ORDER BY r.how
