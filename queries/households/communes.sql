-- name: households/communes
-- The communes where households live, for the list's filter.
SELECT DISTINCT commune FROM household WHERE commune IS NOT NULL ORDER BY commune
