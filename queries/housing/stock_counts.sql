-- name: housing/stock_counts
-- The number of dwellings per programme and state on $today (dwelling_state, migration 012) among those matching the filters ($programme, $status: a state on $today, $commune, $typology; NULL: any), one row per pair present, ordered by programme and state.
WITH stock AS (
    SELECT d.programme, dwelling_state(d.id, $today) AS state
    FROM dwelling d
    WHERE ($programme IS NULL OR d.programme = $programme)
      AND ($commune IS NULL OR d.commune = $commune)
      AND ($typology IS NULL OR d.typology = $typology)
)
SELECT programme, state, count(*) AS dwellings
FROM stock
WHERE $status IS NULL OR state = $status
GROUP BY programme, state
ORDER BY programme, state
