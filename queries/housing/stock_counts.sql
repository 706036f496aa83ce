-- name: housing/stock_counts
-- The number of dwellings per programme and status among those matching the filters ($programme, $status, $commune, $typology; NULL: any), one row per pair present, ordered by programme and status.
SELECT d.programme, d.status, count(*) AS dwellings
FROM dwelling d
WHERE ($programme IS NULL OR d.programme = $programme)
  AND ($status IS NULL OR d.status = $status)
  AND ($commune IS NULL OR d.commune = $commune)
  AND ($typology IS NULL OR d.typology = $typology)
GROUP BY d.programme, d.status
ORDER BY d.programme, d.status
