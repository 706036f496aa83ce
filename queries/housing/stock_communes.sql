-- name: housing/stock_communes
-- The communes of the stock's dwellings, for the stock's filter.
SELECT DISTINCT commune FROM dwelling WHERE commune IS NOT NULL ORDER BY commune
