-- name: housing/overlapping_leases
-- Household leases of a dwelling ($dwelling_id) sharing at least one day with $start_on..$end_on (both included; $end_on NULL: open-ended), other than lease $except_id: an open-ended lease overlaps every day from its start, a lease ending on D leaves D + 1 free.
SELECT l.id, l.household_id, h.file_number, l.start_on, l.end_on
FROM lease l
LEFT JOIN household h ON h.id = l.household_id
WHERE l.dwelling_id = $dwelling_id
  AND l.household_id IS NOT NULL
  AND l.id IS DISTINCT FROM $except_id
  AND l.start_on <= coalesce($end_on, DATE '9999-12-31')
  AND $start_on <= coalesce(l.end_on, DATE '9999-12-31')
ORDER BY l.start_on, l.id
