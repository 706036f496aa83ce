-- name: kpi/persons_rehoused_since
-- Personnes relogées depuis une date : le cumul, mois par mois, des personnes des ménages relogés entre la date de départ du cumul et le dernier jour de la période, bornes comprises (les mêmes ménages que « Ménages relogés en cumul » : chaque ménage une fois, dans le mois de son premier relogement depuis la date de départ), chaque ménage comptant ses membres le jour de ce relogement (déclarés à l'accueil ou arrivés au plus tard ce jour-là, et pas encore partis) ; à côté, les ménages du mois et leur cumul ; seuls les mois ayant un relogement apparaissent. Filtres : commune et référent·e du ménage ; mesure : ménages ayant une mesure de ce type en cours au moins un jour entre la date de départ et le dernier jour de la période.
-- title: Personnes relogées en cumul
-- section: Ménages
-- order: 45
-- figure: max cumulative
-- format: count
-- chart: line x=month y=cumulative
-- columns: month=Mois, households=Ménages relogés dans le mois, persons=Personnes relogées dans le mois, cumulative_households=Ménages relogés depuis le début, cumulative=Personnes relogées depuis le début
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
rehoused AS (
    SELECT h.id, f.rehoused_on
    FROM firsts f
    JOIN household h ON h.id = f.household_id
    WHERE f.rn = 1
      AND ($commune IS NULL OR h.commune = $commune)
      AND ($worker IS NULL OR h.referent = $worker)
      AND ($measure_kind IS NULL OR EXISTS (
          SELECT 1 FROM support_measure m
          WHERE m.household_id = h.id AND m.kind = $measure_kind
            AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $since)))
),
monthly AS (
    SELECT strftime(r.rehoused_on, '%Y-%m') AS month,
           count(DISTINCT r.id) AS households, count(p.id) AS persons
    FROM rehoused r
    LEFT JOIN person p ON p.household_id = r.id
        AND (p.joined_on IS NULL OR p.joined_on <= r.rehoused_on)
        AND (p.left_on IS NULL OR p.left_on > r.rehoused_on)
    GROUP BY strftime(r.rehoused_on, '%Y-%m')
)
SELECT month, households, persons,
       CAST(sum(households) OVER (ORDER BY month) AS BIGINT) AS cumulative_households,
       CAST(sum(persons) OVER (ORDER BY month) AS BIGINT) AS cumulative
FROM monthly
ORDER BY month
