-- name: housing/rehoused_by_lease
-- Households rehoused through the association from $start to $end (both included): those whose first household lease (sous-location, bail glissant or bail direct, any dwelling) starts in the period, with that day and that lease's dwelling.
SELECT household_id, min(start_on) AS rehoused_on, arg_min(dwelling_id, start_on) AS dwelling_id
FROM lease
WHERE household_id IS NOT NULL
GROUP BY household_id
HAVING min(start_on) BETWEEN $start AND $end
ORDER BY rehoused_on, household_id
