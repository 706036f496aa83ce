-- name: kpi/rehoused
-- Ménages relogés : les ménages relogés entre le premier et le dernier jour de la période, bornes comprises, c'est-à-dire entrés dans un logement par l'association (un bail de ménage — sous-location, bail glissant ou bail direct — commençant dans la période, sauf s'il prolonge un autre bail de ménage du même ménage en cours la veille : glissement, changement de logement) ou dont une mesure d'accompagnement a pris fin avec le motif « relogé » dans la période ; chaque ménage compte une fois, à son premier relogement de la période, selon ce qui l'a marqué (le bail s'il tombe le même jour que la fin de mesure). Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour de la période.
-- title: Ménages relogés
-- section: Ménages
-- order: 30
-- figure: sum households
-- format: count
-- chart: pie x=how y=households
-- columns: how=Relogement, households=Ménages
-- drill: kpi_drill/households_rehoused
-- with: rehoused = shared/rehoused_households
-- with: filtered = shared/filtered_households
SELECT f.how, count(*) AS households
FROM rehoused f
JOIN filtered h ON h.id = f.household_id
GROUP BY f.how
ORDER BY f.how
