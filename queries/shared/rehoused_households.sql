-- name: shared/rehoused_households
-- Ménages relogés sur la période, la définition que lisent tous les indicateurs et leurs listes : chaque ménage une fois, à son premier relogement entre le premier ($start) et le dernier jour ($end), bornes comprises : le début d'un bail de ménage de l'association (sous-location, bail glissant, bail direct) qui ne prolonge pas un autre de ses baux (commencé avant, et fini au plus tôt la veille ou pas fini), un relogement gardé d'un ménage anonymisé (household_rehousing), ou la fin d'une mesure terminée « relogé » ; how dit lequel (un bail l'emporte sur une mesure le même jour).
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
)
SELECT household_id, rehoused_on, how
FROM firsts
WHERE rn = 1
