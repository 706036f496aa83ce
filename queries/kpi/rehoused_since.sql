-- name: kpi/rehoused_since
-- Ménages relogés depuis une date : le cumul, mois par mois, des ménages relogés entre la date de départ du cumul et le dernier jour de la période, bornes comprises (même définition que « Ménages relogés » : un bail de ménage de l'association qui commence sans prolonger un autre bail de ménage du même ménage en cours la veille, ou une mesure terminée avec le motif « relogé »), chaque ménage compté une fois, dans le mois de son premier relogement depuis la date de départ ; seuls les mois ayant un relogement apparaissent. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour entre la date de départ et le dernier jour de la période.
-- title: Ménages relogés en cumul
-- section: Ménages
-- order: 40
-- figure: max cumulative
-- format: count
-- chart: line x=month y=cumulative
-- columns: month=Mois, households=Relogés dans le mois, cumulative=Relogés depuis le début
WITH moves AS (
    SELECT l.household_id, l.start_on AS rehoused_on, 0 AS by_measure
    FROM lease l
    WHERE l.household_id IS NOT NULL
      AND l.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
      AND l.start_on BETWEEN $since AND $end
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
    WHERE r.rehoused_on BETWEEN $since AND $end
    UNION ALL
    SELECT m.household_id, m.end_on AS rehoused_on, 1 AS by_measure
    FROM support_measure m
    WHERE m.end_reason = 'reloge' AND m.end_on BETWEEN $since AND $end
),
firsts AS (
    SELECT household_id, rehoused_on,
           row_number() OVER (PARTITION BY household_id ORDER BY rehoused_on, by_measure) AS rn
    FROM moves
),
monthly AS (
    SELECT strftime(f.rehoused_on, '%Y-%m') AS month, count(*) AS households
    FROM firsts f
    JOIN household h ON h.id = f.household_id
    WHERE f.rn = 1
      AND ($commune IS NULL OR h.commune = $commune)
      AND ($worker IS NULL OR h.referent = $worker)
      AND ($measure_kind IS NULL OR EXISTS (
          SELECT 1 FROM support_measure m
          WHERE m.household_id = h.id AND m.kind = $measure_kind
            AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $since)))
    GROUP BY strftime(f.rehoused_on, '%Y-%m')
)
SELECT month, households,
       CAST(sum(households) OVER (ORDER BY month) AS BIGINT) AS cumulative
FROM monthly
ORDER BY month
