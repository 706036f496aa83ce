-- name: housing/stock_occupancy
-- Over $start..$end (both included), for the dwellings matching the filters ($programme, $status: a state on $today, $commune, $typology, $dwelling_id; NULL: any) that were in the stock on at least one day of it: their number, their days in the stock within the period, the days covered by household leases (end_on being the last day occupied), the vacancy days and the rent lost (vacancy days × monthly rent excluding charges / 30, per dwelling rounded to the cent), as housing/occupancy counts them; one row, zeros without stock.
WITH stock AS (
    SELECT d.id AS dwelling_id, d.rent,
           greatest(d.entered_on, $start) AS from_on,
           least(coalesce(d.left_on, $end), $end) AS to_on
    FROM dwelling d
    WHERE d.entered_on <= $end AND coalesce(d.left_on, $end) >= $start
      AND ($programme IS NULL OR d.programme = $programme)
      AND ($commune IS NULL OR d.commune = $commune)
      AND ($typology IS NULL OR d.typology = $typology)
      AND ($dwelling_id IS NULL OR d.id = $dwelling_id)
      AND ($status IS NULL OR dwelling_state(d.id, $today) = $status)
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
    SELECT s.rent, date_diff('day', s.from_on, s.to_on) + 1 AS stock_days,
           CAST(coalesce(o.days, 0) AS BIGINT) AS occupied_days
    FROM stock s
    LEFT JOIN occupied o USING (dwelling_id)
)
SELECT count(*) AS dwellings,
       CAST(coalesce(sum(stock_days), 0) AS BIGINT) AS stock_days,
       CAST(coalesce(sum(occupied_days), 0) AS BIGINT) AS occupied_days,
       CAST(coalesce(sum(stock_days - occupied_days), 0) AS BIGINT) AS vacancy_days,
       CAST(coalesce(sum(round((stock_days - occupied_days) * rent / 30, 2)), 0)
            AS DECIMAL(14, 2)) AS rent_lost
FROM per_dwelling
