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
WITH moves AS (
    SELECT l.household_id, l.start_on AS rehoused_on, 0 AS by_measure
    FROM lease l
    WHERE l.household_id IS NOT NULL
      AND l.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
      AND l.start_on BETWEEN $start AND $end
      AND NOT EXISTS (
          SELECT 1 FROM lease p
          WHERE p.household_id = l.household_id AND p.id <> l.id
            AND p.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
            AND p.start_on < l.start_on
            AND (p.end_on IS NULL OR date_diff('day', p.end_on, l.start_on) <= 1))
    UNION ALL
    -- an anonymised household's rehousings (its leases are the dwellings' now)
    SELECT r.household_id, r.rehoused_on, 0 AS by_measure
    FROM household_rehousing r
    WHERE r.rehoused_on BETWEEN $start AND $end
    UNION ALL
    SELECT m.household_id, m.end_on AS rehoused_on, 1 AS by_measure
    FROM support_measure m
    WHERE m.end_reason = 'reloge' AND m.end_on BETWEEN $start AND $end
),
firsts AS (
    SELECT household_id, rehoused_on,
           CASE WHEN by_measure = 0 THEN 'Bail de l''association'
                ELSE 'Mesure terminée « relogé »' END AS how,
           row_number() OVER (PARTITION BY household_id ORDER BY rehoused_on, by_measure) AS rn
    FROM moves
),
rehoused AS (
    SELECT h.id, f.how, f.rehoused_on
    FROM firsts f
    JOIN household h ON h.id = f.household_id
    WHERE f.rn = 1
      AND ($commune IS NULL OR h.commune = $commune)
      AND ($worker IS NULL OR h.referent = $worker)
      AND ($measure_kind IS NULL OR EXISTS (
          SELECT 1 FROM support_measure m
          WHERE m.household_id = h.id AND m.kind = $measure_kind
            AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
)
SELECT r.how, count(DISTINCT r.id) AS households, count(p.id) AS persons
FROM rehoused r
LEFT JOIN person p ON p.household_id = r.id
    AND (p.joined_on IS NULL OR p.joined_on <= r.rehoused_on)
    AND (p.left_on IS NULL OR p.left_on > r.rehoused_on)
GROUP BY r.how
ORDER BY r.how
