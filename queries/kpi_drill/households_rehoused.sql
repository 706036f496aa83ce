-- name: kpi_drill/households_rehoused
-- The households behind « Ménages relogés » and « Personnes relogées », as the reader's scope lets them see: each once, on its first rehousing in $start..$end (a household lease starting that does not continue another of its leases running the day before, or a measure ended « relogé »), with how, the same filters, and the persons of each on that day (members declared at the intake or who had joined by then, and not yet left).
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
SELECT h.id AS household_id, h.file_number, h.head_name, f.how, f.rehoused_on,
       h.commune, h.request_type, h.family_type, h.referent,
       (SELECT count(*) FROM person p WHERE p.household_id = h.id
           AND (p.joined_on IS NULL OR p.joined_on <= f.rehoused_on)
           AND (p.left_on IS NULL OR p.left_on > f.rehoused_on)) AS persons
FROM firsts f
JOIN household h ON h.id = f.household_id
WHERE f.rn = 1
  AND ($commune IS NULL OR h.commune = $commune)
  AND ($worker IS NULL OR h.referent = $worker)
  AND ($measure_kind IS NULL OR EXISTS (
      SELECT 1 FROM support_measure m
      WHERE m.household_id = h.id AND m.kind = $measure_kind
        AND m.start_on <= $end AND (m.end_on IS NULL OR m.end_on >= $start)))
  AND ($sees_all OR h.referent = $referent_of
       OR ($sees_tenants AND association_tenant(h.id, current_date)))
ORDER BY f.rehoused_on DESC, h.file_number
