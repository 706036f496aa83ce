-- name: housing/occupancy
-- Per dwelling in the stock on at least one day of $start..$end (both included): its days in the stock within the period (from the later of entry and $start to the earlier of exit and $end), the days covered by household leases (end_on being the last day occupied, an open-ended lease running to the period's end), the vacancy days (in stock, no household lease: works included), the rent lost = vacancy days × monthly rent excluding charges / 30 (a month counted as 30 days, rounded to the cent), and the stock's occupancy rate (all occupied days / all days in stock, the same on every row; NULL without stock).
WITH stock AS (
    SELECT d.id AS dwelling_id, d.address, d.commune, d.typology, d.rent,
           greatest(d.entered_on, $start) AS from_on,
           least(coalesce(d.left_on, $end), $end) AS to_on
    FROM dwelling d
    WHERE d.entered_on <= $end AND coalesce(d.left_on, $end) >= $start
),
occupied AS (
    SELECT s.dwelling_id,
           sum(date_diff('day', greatest(l.start_on, s.from_on),
                         least(coalesce(l.end_on, s.to_on), s.to_on)) + 1) AS days
    FROM stock s
    JOIN lease l ON l.dwelling_id = s.dwelling_id
        AND l.kind IN ('sous_location', 'bail_glissant', 'bail_direct')
        AND l.start_on <= s.to_on
        AND coalesce(l.end_on, s.to_on) >= s.from_on
    GROUP BY s.dwelling_id
),
per_dwelling AS (
    SELECT s.dwelling_id, s.address, s.commune, s.typology, s.rent,
           date_diff('day', s.from_on, s.to_on) + 1 AS stock_days,
           CAST(coalesce(o.days, 0) AS BIGINT) AS occupied_days
    FROM stock s
    LEFT JOIN occupied o USING (dwelling_id)
)
SELECT dwelling_id, address, commune, typology, rent, stock_days, occupied_days,
       stock_days - occupied_days AS vacancy_days,
       CAST(round((stock_days - occupied_days) * rent / 30, 2) AS DECIMAL(12, 2)) AS rent_lost,
       sum(occupied_days) OVER () / sum(stock_days) OVER () AS stock_occupancy_rate
FROM per_dwelling
ORDER BY dwelling_id
