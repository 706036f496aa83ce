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
WITH followed AS (
    SELECT DISTINCT household_id
    FROM household_follow_span
    WHERE from_on <= $end AND (to_on IS NULL OR to_on >= $start)
)
SELECT h.family_type, count(*) AS households
FROM household h
JOIN followed f ON f.household_id = h.id
WHERE ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
GROUP BY h.family_type
ORDER BY households DESC, h.family_type
