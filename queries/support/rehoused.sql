-- name: support/rehoused
-- Households rehoused from $start to $end (both included) as support work records it: a
-- measure ended « relogé » on that day (a household's first such day in the period).
-- Rehousing through one of the association's leases joins this list with the housing stock.
SELECT household_id, min(end_on) AS rehoused_on
FROM support_measure
WHERE end_reason = 'reloge' AND end_on BETWEEN $start AND $end
GROUP BY household_id
ORDER BY rehoused_on, household_id
