-- name: housing/capture_communes
-- The communes of the capture leads, for the board's filter.
SELECT DISTINCT commune FROM capture_lead ORDER BY commune
