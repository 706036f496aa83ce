-- name: housing/occupancy
-- Per dwelling in the stock on at least one day of $start..$end (both included): its days in the stock within the period (from the later of entry and $start to the earlier of exit and $end), the days covered by household leases (end_on being the last day occupied, an open-ended lease running to the period's end), the vacancy days (in stock, no household lease: works included), the rent lost = vacancy days × monthly rent excluding charges / 30 (a month counted as 30 days, rounded to the cent), and the stock's occupancy rate (all occupied days / all days in stock, the same on every row; NULL without stock).
-- with: days = shared/dwelling_days
SELECT s.dwelling_id, d.address, d.commune, d.typology, d.rent, s.stock_days, s.occupied_days,
       s.stock_days - s.occupied_days AS vacancy_days,
       CAST(round((s.stock_days - s.occupied_days) * d.rent / 30, 2) AS DECIMAL(12, 2))
           AS rent_lost,
       sum(s.occupied_days) OVER () / sum(s.stock_days) OVER () AS stock_occupancy_rate
FROM days s
JOIN dwelling d ON d.id = s.dwelling_id
ORDER BY s.dwelling_id
