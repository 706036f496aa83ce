-- name: kpi_drill/dwellings
-- The dwellings behind the Logements tiles: every dwelling in the stock on at least one day of $start..$end with the same filters (commune, programme), its state on $end (dwelling_state, migration 012: occupe, travaux, vacant as in kpi/stock; restitue when it left the stock before $end), its days in the stock, occupied and vacant in the period and the rent lost (as housing/occupancy), and the day its bail glissant slid if that fell in the period.
-- with: stock = shared/filtered_dwelling_days
WITH slides AS (
    SELECT l.dwelling_id, max(l.slid_on) AS slid_on
    FROM lease l
    WHERE l.slid_on BETWEEN $start AND $end
    GROUP BY l.dwelling_id
)
SELECT p.dwelling_id, d.address, d.commune, d.typology, d.programme,
       dwelling_state(d.id, $end) AS state,
       d.rent, d.entered_on, d.left_on, p.stock_days, p.occupied_days,
       p.stock_days - p.occupied_days AS vacancy_days,
       round(CAST((p.stock_days - p.occupied_days) * d.rent AS DOUBLE) / 30, 2) AS rent_lost,
       sl.slid_on
FROM stock p
JOIN dwelling d ON d.id = p.dwelling_id
LEFT JOIN slides sl ON sl.dwelling_id = p.dwelling_id
ORDER BY d.programme, p.dwelling_id
