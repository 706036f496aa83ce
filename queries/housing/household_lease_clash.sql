-- name: housing/household_lease_clash
-- The household leases of one household ($household_id), in any dwelling, sharing at least
-- one day with $start_on..$end_on (both included; $end_on NULL: open-ended): a household
-- holds one lease at a time.
SELECT l.id, l.start_on, l.end_on, d.address, d.commune
FROM lease l
JOIN dwelling d ON d.id = l.dwelling_id
WHERE l.household_id = $household_id
  AND l.start_on <= coalesce($end_on, DATE '9999-12-31')
  AND $start_on <= coalesce(l.end_on, DATE '9999-12-31')
ORDER BY l.start_on, l.id
