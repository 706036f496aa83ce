-- name: kpi_drill/dwellings
-- The dwellings behind the Logements tiles: every dwelling in the stock on at least one day of $start..$end with the same filters (commune, programme), its state on $end (dwelling_state, migration 012: occupe, travaux, vacant as in kpi/stock; restitue when it left the stock before $end), its days in the stock, occupied and vacant in the period and the rent lost (as housing/occupancy), and the day its bail glissant slid if that fell in the period.
WITH stock AS (
    SELECT d.id AS dwelling_id,
           CASE WHEN d.entered_on > $start THEN d.entered_on ELSE $start END AS from_on,
           CASE WHEN d.left_on IS NOT NULL AND d.left_on < $end THEN d.left_on ELSE $end END
               AS to_on
    FROM dwelling d
    WHERE d.entered_on <= $end
      AND (d.left_on IS NULL OR d.left_on >= $start)
      AND ($commune IS NULL OR d.commune = $commune)
      AND ($programme IS NULL OR d.programme = $programme)
),
leases AS (
    SELECT s.dwelling_id,
           sum(date_diff('day',
                         CASE WHEN l.start_on > s.from_on THEN l.start_on ELSE s.from_on END,
                         CASE WHEN l.end_on IS NOT NULL AND l.end_on < s.to_on THEN l.end_on
                              ELSE s.to_on END) + 1) AS occupied_days
    FROM stock s
    JOIN lease l ON l.dwelling_id = s.dwelling_id
        AND l.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
        AND l.start_on <= s.to_on
        AND (l.end_on IS NULL OR l.end_on >= s.from_on)
    GROUP BY s.dwelling_id
),
slides AS (
    SELECT l.dwelling_id, max(l.slid_on) AS slid_on
    FROM lease l
    WHERE l.slid_on BETWEEN $start AND $end
    GROUP BY l.dwelling_id
),
per_dwelling AS (
    SELECT s.dwelling_id,
           date_diff('day', s.from_on, s.to_on) + 1 AS stock_days,
           CAST(coalesce(o.occupied_days, 0) AS BIGINT) AS occupied_days
    FROM stock s
    LEFT JOIN leases o ON o.dwelling_id = s.dwelling_id
)
SELECT p.dwelling_id, d.address, d.commune, d.typology, d.programme,
       dwelling_state(d.id, $end) AS state,
       d.rent, d.entered_on, d.left_on, p.stock_days, p.occupied_days,
       p.stock_days - p.occupied_days AS vacancy_days,
       round(CAST((p.stock_days - p.occupied_days) * d.rent AS DOUBLE) / 30, 2) AS rent_lost,
       sl.slid_on
FROM per_dwelling p
JOIN dwelling d ON d.id = p.dwelling_id
LEFT JOIN slides sl ON sl.dwelling_id = p.dwelling_id
ORDER BY d.programme, p.dwelling_id
