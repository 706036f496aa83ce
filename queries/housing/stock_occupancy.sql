-- name: housing/stock_occupancy
-- Over $start..$end (both included), for the dwellings matching the filters ($programme, $status: a state on $today, $commune, $typology, $dwelling_id; NULL: any) that were in the stock on at least one day of it: their number, their days in the stock within the period, the days covered by household leases (end_on being the last day occupied), the vacancy days and the rent lost (vacancy days × monthly rent excluding charges / 30, per dwelling rounded to the cent), as housing/occupancy counts them; one row, zeros without stock.
-- with: days = shared/dwelling_days
SELECT count(*) AS dwellings,
       CAST(coalesce(sum(s.stock_days), 0) AS BIGINT) AS stock_days,
       CAST(coalesce(sum(s.occupied_days), 0) AS BIGINT) AS occupied_days,
       CAST(coalesce(sum(s.stock_days - s.occupied_days), 0) AS BIGINT) AS vacancy_days,
       CAST(coalesce(sum(round((s.stock_days - s.occupied_days) * d.rent / 30, 2)), 0)
            AS DECIMAL(14, 2)) AS rent_lost
FROM days s
JOIN dwelling d ON d.id = s.dwelling_id
WHERE ($programme IS NULL OR d.programme = $programme)
  AND ($commune IS NULL OR d.commune = $commune)
  AND ($typology IS NULL OR d.typology = $typology)
  AND ($dwelling_id IS NULL OR d.id = $dwelling_id)
  AND ($status IS NULL OR dwelling_state(d.id, $today) = $status)
